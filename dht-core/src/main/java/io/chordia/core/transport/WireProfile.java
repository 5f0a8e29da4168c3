package io.chordia.core.transport;

/**
 * The bytes a protocol's nodes exchange. routing cannot name a codec (codecs live in transport),
 * so a protocol names its profile, and transport's {@code WireCodecs} is the one place that turns
 * a profile into a codec for the composition roots.
 */
public enum WireProfile {
    /** Our Kryo envelopes: sender's address on the wire, every message type. */
    CHORDIA,
    /** BEP 5 KRPC, bencoded: what libtorrent and bittorrent-dht speak; the sender is the datagram's source. */
    KRPC
}
