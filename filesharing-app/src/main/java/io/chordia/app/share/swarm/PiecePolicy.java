package io.chordia.app.share.swarm;

/**
 * The order pieces are started in. BitTorrent's choice is {@link #RAREST}: it keeps every piece
 * spread over many peers, so the swarm survives the seed leaving and peers always have something
 * to trade. The others exist to measure that against ({@code chordia sim swarm --picker}).
 */
public enum PiecePolicy {
    /** Fewest copies among the connected peers first, ties at random. */
    RAREST,
    /** Any piece a peer has, uniformly at random. */
    RANDOM,
    /** Lowest index first, as a streaming player would want. */
    SEQUENTIAL
}
