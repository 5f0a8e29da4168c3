package io.chordia.transport.bencode;

/**
 * How a decoder treats the order of dictionary keys. A repeated key is refused either way: which of
 * its values counts would depend on the reader.
 */
public enum KeyOrder {
    /**
     * Strictly ascending raw byte order, as BEP 3 requires; everything accepted re-encodes to the
     * bytes it came from, so a signed value (BEP 44) cannot be decoded differently than it was signed.
     */
    STRICT,
    /**
     * Any order, for peers that send unsorted keys: libtorrent's DHT accepts them (they are a "soft
     * error" it checks only in {@code put} arguments). The decoded dictionary is sorted, so it no
     * longer re-encodes to the input bytes.
     */
    ANY
}
