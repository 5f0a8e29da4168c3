package io.chordia.app.share.swarm;

import java.nio.ByteBuffer;

/**
 * The inbound half of the seam between swarm logic and bytes on the wire: what one connection to
 * a peer reports. Every call arrives on the fetch's node thread (its {@code Scheduler}), in the
 * order the peer sent it; {@link #onClosed} may arrive more than once and must be idempotent.
 */
public interface PeerLinkEvents {
    void onManifest(byte[] contentId, byte[] encodedManifest);

    void onUnknownContent();

    /** The pieces the peer has, one bit per piece, most significant bit first. */
    void onBitfield(byte[] contentId, byte[] bits);

    /** The peer now has {@code piece} too (a partial seeder that finished one). */
    void onHave(int piece);

    /**
     * The peer keeps at most {@code requests} of our block requests queued (BEP 10's {@code reqq},
     * or what our own seeder buffers): the link's request window stays within it. A link that
     * never says so is bounded by {@link SwarmConfig#requestWindowCap} alone.
     */
    void onRequestLimit(int requests);

    /** The peer will not answer requests until {@link #onUnchoke}; requests in flight are lost. */
    void onChoke(String reason);

    void onUnchoke();

    /**
     * A block of {@code length} bytes begins: returns where its bytes go (exactly {@code length}
     * remaining), or null to discard them. The link copies the bytes straight into it.
     */
    ByteBuffer onBlockStart(int piece, int offset, int length);

    /** The block whose destination {@link #onBlockStart} returned is complete. */
    void onBlockDone(int piece, int offset, int length);

    /** The end of a burst of input: a good moment to send more requests, flushed together. */
    void onReadComplete();

    /** The peer broke the protocol; the link is being closed. */
    void onMalformed(DropReason reason);

    void onClosed();
}
