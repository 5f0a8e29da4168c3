package io.chordia.app.share.swarm;

import io.chordia.app.share.wire.DropReason;
import io.chordia.app.share.wire.PeerEvents;
import io.chordia.core.net.Address;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** One connection of a fetch to one peer; forwards its events to the fetch. Event-loop confined. */
final class PeerSession implements PeerEvents {
    enum Phase { CONNECTING, MANIFEST, OPENING, ACTIVE, CLOSED }

    final Address address;
    final SwarmFetcher fetch;
    Channel channel;
    Phase phase = Phase.CONNECTING;
    BitSet has;
    /** Block keys ({@code piece << 32 | block}) asked of this peer and not yet answered. */
    final Set<Long> outstanding = new HashSet<>();
    long receivingKey = -1;
    /** The piece this peer is being asked for, block after block, until all are requested. */
    ActivePiece current;
    long blocksDelivered;
    int strikes;
    /** Closed because we were done with it, not because the peer failed: no back-off. */
    boolean closedByUs;

    PeerSession(Address address, SwarmFetcher fetch, Phase firstPhase) {
        this.address = address;
        this.fetch = fetch;
        this.phase = firstPhase;
    }

    static long key(int piece, int block) {
        return ((long) piece << 32) | block;
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void onManifest(byte[] contentId, byte[] encodedManifest) {
        fetch.onManifest(this, contentId, encodedManifest);
    }

    @Override
    public void onUnknownContent() {
        fetch.onUnknownContent(this);
    }

    @Override
    public void onBitfield(byte[] contentId, byte[] bits) {
        fetch.onBitfield(this, contentId, bits);
    }

    @Override
    public void onChoke(String reason) {
        fetch.onChoke(this, reason);
    }

    @Override
    public ByteBuffer onBlockStart(int piece, int offset, int length) {
        return fetch.onBlockStart(this, piece, offset, length);
    }

    @Override
    public void onBlockDone(int piece, int offset, int length) {
        fetch.onBlockDone(this, piece, offset, length);
    }

    @Override
    public void onReadComplete() {
        fetch.onReadComplete(this);
    }

    @Override
    public void onMalformed(DropReason reason) {
        fetch.onMalformed(this, reason);
    }

    @Override
    public void onClosed() {
        fetch.onSessionClosed(this);
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
