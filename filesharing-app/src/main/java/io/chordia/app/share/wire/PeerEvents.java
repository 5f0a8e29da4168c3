package io.chordia.app.share.wire;

import java.nio.ByteBuffer;

/**
 * What a {@link FetcherHandler} reports about its connection; called on the channel's event loop.
 */
public interface PeerEvents {
    void onManifest(byte[] contentId, byte[] encodedManifest);

    void onUnknownContent();

    void onBitfield(byte[] contentId, byte[] bits);

    void onChoke(String reason);

    /**
     * A block of {@code length} bytes begins: returns where its bytes go (exactly {@code length}
     * remaining), or null to discard them.
     */
    ByteBuffer onBlockStart(int piece, int offset, int length);

    /** The block whose destination {@link #onBlockStart} returned is complete. */
    void onBlockDone(int piece, int offset, int length);

    /** The end of a read burst: a good moment to send more requests, flushed together. */
    void onReadComplete();

    /** The peer broke the protocol; the connection is being closed. */
    void onMalformed(DropReason reason);

    void onClosed();
}
