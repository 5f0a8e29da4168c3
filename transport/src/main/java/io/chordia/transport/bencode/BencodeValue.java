package io.chordia.transport.bencode;

/**
 * A bencoded value: byte string, integer, list or dictionary with byte-string keys. Values are
 * immutable and have exactly one encoding (dictionary keys in raw byte order), so a value's size is
 * known without encoding it.
 */
public sealed interface BencodeValue permits BencodeBytes, BencodeInteger, BencodeList, BencodeDictionary {

    /** Length in bytes of the canonical encoding, computed without encoding (for datagram budgets). */
    long encodedSize();

    /**
     * Writes the canonical encoding at {@code offset} and returns the offset just past it; the caller
     * guarantees {@link #encodedSize()} bytes of room. {@link BencodeEncoder} is the checked entry point.
     */
    int writeTo(byte[] target, int offset);
}
