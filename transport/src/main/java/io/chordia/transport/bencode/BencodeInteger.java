package io.chordia.transport.bencode;

/**
 * An integer. Bencode integers are unbounded; KRPC's (ports, sequence numbers, error codes) fit in
 * 64 bits, and the decoder refuses anything beyond as {@link BencodeException.Reason#TOO_LONG}.
 */
public record BencodeInteger(long value) implements BencodeValue {

    @Override
    public long encodedSize() {
        return AsciiDecimal.length(value) + 2L;
    }

    @Override
    public int writeTo(byte[] target, int offset) {
        target[offset] = 'i';
        int at = AsciiDecimal.write(value, target, offset + 1);
        target[at] = 'e';
        return at + 1;
    }
}
