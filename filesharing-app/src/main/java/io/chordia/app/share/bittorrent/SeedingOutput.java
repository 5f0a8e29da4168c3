package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropReason;

/** What a {@link SeedingSession} asks of its connection; called on the connection's I/O thread. */
public interface SeedingOutput {
    /** Queues whole message bytes (or the handshake). */
    void send(byte[] message);

    /** Queues a piece message: its 13-byte header and {@code length} bytes of the content from {@code piece}, {@code begin}. */
    void sendBlock(int piece, int begin, int length);

    /** Closes the connection; {@code ban} when the peer broke the rules, so it cannot come back for a while. */
    void close(DropReason reason, boolean ban);
}
