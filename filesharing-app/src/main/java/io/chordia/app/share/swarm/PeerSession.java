package io.chordia.app.share.swarm;

import io.chordia.core.net.Address;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** One link of a fetch to one peer; forwards its events to the swarm. Confined to the fetch's node thread. */
final class PeerSession implements PeerLinkEvents {
    enum Phase { CONNECTING, MANIFEST, OPENING, ACTIVE, CLOSED }

    final Address address;
    final Swarm swarm;
    PeerLink link;
    Phase phase;
    BitSet has;
    /** Block keys ({@code piece << 32 | block}) asked of this peer and not yet answered. */
    final Set<Long> outstanding = new HashSet<>();
    long receivingKey = -1;
    /** How many requests this link keeps in flight. */
    final RequestWindow window;
    /** The piece this peer is being asked for, block after block, until all are requested. */
    ActivePiece current;
    long blocksDelivered;
    int strikes;
    /** The peer said it will not answer requests for now. */
    boolean choked;
    /** Pieces this peer has that we have not verified yet: we are interested while above 0. */
    int wanted;
    /** What we last told the peer about our interest. */
    boolean interestedSent;
    /** Closed because we were done with it, not because the peer failed: no back-off. */
    boolean closedByUs;

    PeerSession(Address address, Swarm swarm, Phase firstPhase, RequestWindow window) {
        this.address = address;
        this.swarm = swarm;
        this.phase = firstPhase;
        this.window = window;
    }

    static long key(int piece, int block) {
        return ((long) piece << 32) | block;
    }

    void close() {
        if (link != null) {
            link.close();
        }
    }

    @Override
    public void onManifest(byte[] contentId, byte[] encodedManifest) {
        swarm.onManifest(this, contentId, encodedManifest);
    }

    @Override
    public void onUnknownContent() {
        swarm.onUnknownContent(this);
    }

    @Override
    public void onBitfield(byte[] contentId, byte[] bits) {
        swarm.onBitfield(this, contentId, bits);
    }

    @Override
    public void onHave(int piece) {
        swarm.onHave(this, piece);
    }

    @Override
    public void onRequestLimit(int requests) {
        window.peerQueue(requests);
    }

    @Override
    public void onChoke(String reason) {
        swarm.onChoke(this, reason);
    }

    @Override
    public void onUnchoke() {
        swarm.onUnchoke(this);
    }

    @Override
    public ByteBuffer onBlockStart(int piece, int offset, int length) {
        return swarm.onBlockStart(this, piece, offset, length);
    }

    @Override
    public void onBlockDone(int piece, int offset, int length) {
        swarm.onBlockDone(this, piece, offset, length);
    }

    @Override
    public void onReadComplete() {
        swarm.fill(this);
    }

    @Override
    public void onMalformed(DropReason reason) {
        swarm.onMalformed(this, reason);
    }

    @Override
    public void onClosed() {
        swarm.onSessionClosed(this);
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
