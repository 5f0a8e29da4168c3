package io.chordia.routing;

/**
 * The bytes a protocol's nodes exchange. routing cannot name a codec (codecs live in transport),
 * so a {@link Protocol} names its profile and each composition root maps the profile to a codec in
 * one place ({@code io.chordia.transport.WireCodecs}).
 */
public enum WireProfile {
    /** Our Kryo envelopes: sender's address on the wire, every message type. */
    CHORDIA,
    /** BEP 5 KRPC, bencoded: what libtorrent and bittorrent-dht speak; the sender is the datagram's source. */
    KRPC
}
