package io.chordia.app.share.swarm;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.Manifest;
import io.chordia.core.net.Address;
import io.chordia.core.time.Clock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The peers of one fetch and what is asked of each: which peers to connect to (up to
 * {@link SwarmConfig#maxPeers}, backing off from those that failed, never the banned), which
 * blocks each is asked for (rarest piece first, as many in flight per peer as its
 * {@link RequestWindow} says, endgame duplicates), which peer delivered what, and whom to ban when a piece fails its
 * hash. It sees the wire only through {@link PeerLink} and {@link PeerLinkEvents}, and time only
 * through the {@link Clock} it is given, so it runs the same over TCP and in the simulator.
 * Confined to the fetch's node thread.
 */
final class Swarm {
    private static final Logger LOG = LogManager.getLogger();

    /** What the swarm hands to its owner. Called on the node thread. */
    interface Host {
        /** A manifest that hashes to the content id; throws when it does not decode. */
        void manifestArrived(byte[] encoded) throws InvalidManifestException;

        /** Every block of {@code piece} arrived; the owner verifies it and answers with {@link #pieceVerified}. */
        void pieceDownloaded(ActivePiece piece);
    }

    private final ContentId id;
    private final String name;
    private final SwarmConfig config;
    private final SwarmRuntime runtime;
    private final Clock clock;
    private final Host host;

    private final Map<Address, PeerSession> sessions = new LinkedHashMap<>();
    private final Map<Address, Long> retryAt = new HashMap<>();
    private final Set<Address> banned = new LinkedHashSet<>();
    private final Set<Address> delivered = new LinkedHashSet<>();
    private final List<Address> candidates = new ArrayList<>();
    /** Bytes each peer (by host: its links come from ephemeral ports) delivered: what tit-for-tat ranks by. */
    private final Map<String, Long> downloadedFrom = new HashMap<>();

    private final BlockBlame blame;
    private Manifest manifest;
    private boolean manifestKnown;
    private PiecePicker picker;
    private BlockPlanner planner;
    private int verifying;
    private long downloadedBytes;
    private boolean stopped;

    Swarm(ContentId id, String name, SwarmConfig config, SwarmRuntime runtime, Host host) {
        this.id = id;
        this.name = name;
        this.config = config;
        this.runtime = runtime;
        this.clock = runtime.scheduler().clock();
        this.host = host;
        this.blame = new BlockBlame(config.maxPiecesInFlight());
    }

    // ------------------------------------------------------------------ what the owner tells it

    /** Peers found for the content; new ones become candidates. */
    void addCandidates(Collection<Address> peers, Address self) {
        for (Address a : peers) {
            if (!a.equals(self) && !candidates.contains(a)) {
                candidates.add(a);
            }
        }
        connectMore();
    }

    /** The manifest is accepted: no more manifest links; data links wait for {@link #startData}. */
    void manifestAccepted() {
        manifestKnown = true;
    }

    /** The store is open with {@code have} verified: data links open, blocks are requested. */
    void startData(Manifest m, BitSet have) {
        manifest = m;
        manifestKnown = true;
        picker = new PiecePicker(m.pieceCount(), have, runtime.random(), config.piecePolicy());
        planner = new BlockPlanner(m, config, picker, runtime.buffers());
        if (picker.complete()) {
            return;
        }
        for (PeerSession s : List.copyOf(sessions.values())) {
            s.closedByUs = true; // a manifest link: data links are opened fresh
            s.close();
            sessions.remove(s.address);
        }
        connectMore();
    }

    boolean complete() {
        return picker != null && picker.complete();
    }

    /** Stops asking and closes every link; buffers of unfinished pieces are released. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (PeerSession s : List.copyOf(sessions.values())) {
            s.closedByUs = true;
            s.close();
        }
        if (planner != null) {
            planner.releaseAll();
        }
    }

    /** Whether the verifier should pass {@code ap}'s block digests to {@link #pieceVerified}: see {@link BlockBlame}. */
    boolean wantsBlockDigests(ActivePiece ap) {
        return blame.wantsDigests(ap);
    }

    void pieceVerified(ActivePiece ap, boolean ok) {
        pieceVerified(ap, ok, null);
    }

    /**
     * The answer to {@link Host#pieceDownloaded}: a good piece is had, a bad one is fetched again
     * and its senders pay; {@code blockDigests} (or null) are its blocks' SHA-1s when
     * {@link #wantsBlockDigests} asked for them.
     */
    void pieceVerified(ActivePiece ap, boolean ok, byte[][] blockDigests) {
        verifying--;
        if (stopped) {
            return;
        }
        if (!ok) {
            picker.release(ap.index);
            runtime.drops().dropped(DropReason.BAD_PIECE);
            List<PeerSession> culprits = List.copyOf(ap.contributors());
            if (culprits.size() == 1) {
                ban(culprits.get(0), "piece " + ap.index + " failed its hash");
            } else if (blockDigests != null) {
                blame.pieceFailed(ap, blockDigests); // the liar is named once a copy of the piece passes
            } else {
                for (PeerSession c : culprits) {
                    if (++c.strikes >= 2) { // no digests to tell them apart: two strikes ban
                        ban(c, "pieces it sent blocks of failed their hash twice");
                    }
                }
            }
        } else {
            for (PeerSession liar : blame.piecePassed(ap, blockDigests)) {
                ban(liar, "its block of piece " + ap.index + " differed from the copy that passed the hash");
            }
            picker.markHave(ap.index);
            for (PeerSession s : List.copyOf(sessions.values())) {
                if (s.phase == PeerSession.Phase.ACTIVE && s.has.get(ap.index)) {
                    s.wanted--;
                    updateInterest(s);
                }
            }
        }
        fillAll();
    }

    /** Re-connects to candidates whose back-off is over and resizes each link's window (the owner's periodic tick). */
    void tick() {
        connectMore();
        long now = clock.nanoTime();
        for (PeerSession s : List.copyOf(sessions.values())) {
            if (s.phase == PeerSession.Phase.ACTIVE && s.window.sample(now)) {
                fill(s);
            }
        }
    }

    long downloadedBytes() {
        return downloadedBytes;
    }

    /** Bytes of verified-or-pending blocks {@code host} delivered so far. */
    long downloadedFrom(String host) {
        return downloadedFrom.getOrDefault(host, 0L);
    }

    List<Address> banned() {
        return List.copyOf(banned);
    }

    int peersDelivered() {
        return delivered.size();
    }

    int candidateCount() {
        return candidates.size();
    }

    int sessionCount() {
        return sessions.size();
    }

    int activePeers() {
        int n = 0;
        for (PeerSession s : sessions.values()) {
            if (s.phase == PeerSession.Phase.ACTIVE) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ peers

    private void connectMore() {
        if (stopped || (manifestKnown && picker == null)) {
            return; // between manifest and store: data links wait for the store to say what we have
        }
        long now = clock.nanoTime();
        int limit = manifestKnown ? config.maxPeers() : 1;
        for (Address a : candidates) {
            if (sessions.size() >= limit) {
                break;
            }
            Long retry = retryAt.get(a);
            if (sessions.containsKey(a) || banned.contains(a) || (retry != null && retry - now > 0)) {
                continue;
            }
            connect(a, manifestKnown ? PeerSession.Phase.OPENING : PeerSession.Phase.MANIFEST);
        }
    }

    private void connect(Address a, PeerSession.Phase phase) {
        PeerSession s = new PeerSession(a, this, phase, new RequestWindow(config, clock.nanoTime()));
        sessions.put(a, s);
        s.link = runtime.connector().connect(a, id,
                phase == PeerSession.Phase.MANIFEST ? PeerConnector.Purpose.MANIFEST : PeerConnector.Purpose.DATA, s);
    }

    void onManifest(PeerSession s, byte[] contentId, byte[] encoded) {
        s.closedByUs = true;
        s.close();
        if (s.phase != PeerSession.Phase.MANIFEST || manifestKnown) {
            return;
        }
        if (!Arrays.equals(contentId, id.toBytes()) || !ContentId.of(encoded).equals(id)) {
            runtime.drops().dropped(DropReason.BAD_MANIFEST);
            ban(s, "its manifest does not hash to the content id");
            return;
        }
        try {
            host.manifestArrived(encoded);
        } catch (InvalidManifestException e) {
            runtime.drops().dropped(DropReason.BAD_MANIFEST);
            ban(s, e.getMessage());
        }
    }

    void onUnknownContent(PeerSession s) {
        LOG.debug("{} does not have {}", s, id);
        backOff(s.address);
        s.close();
    }

    void onChoke(PeerSession s, String reason) {
        LOG.debug("{} choked us: {}", s, reason);
        runtime.drops().choked();
        backOff(s.address);
        s.choked = true;
        s.window.choked();
        if (planner != null) {
            planner.peerGone(s); // its requests in flight will not be answered
        }
        fillAll();
    }

    void onUnchoke(PeerSession s) {
        s.choked = false;
        fill(s);
    }

    void onMalformed(PeerSession s, DropReason reason) {
        runtime.drops().dropped(reason);
        backOff(s.address);
    }

    private void backOff(Address a) {
        retryAt.put(a, clock.nanoTime() + config.retryPeersAfter().toNanos());
    }

    void onBitfield(PeerSession s, byte[] contentId, byte[] bits) {
        if (s.phase != PeerSession.Phase.OPENING || picker == null || !Arrays.equals(contentId, id.toBytes())
                || bits.length != (manifest.pieceCount() + 7) / 8) {
            runtime.drops().dropped(DropReason.UNEXPECTED);
            s.close();
            return;
        }
        BitSet has = new BitSet(manifest.pieceCount());
        for (int p = 0; p < manifest.pieceCount(); p++) {
            if ((bits[p >>> 3] & (0x80 >>> (p & 7))) != 0) {
                has.set(p);
            }
        }
        s.has = has;
        s.phase = PeerSession.Phase.ACTIVE;
        picker.addPeer(has);
        for (int p = has.nextSetBit(0); p >= 0; p = has.nextSetBit(p + 1)) {
            if (!picker.has(p)) {
                s.wanted++;
            }
        }
        updateInterest(s);
        fill(s);
    }

    /** Tells the peer when we start or stop needing something it has (a partial seeder unchokes only the interested). */
    private void updateInterest(PeerSession s) {
        boolean want = s.wanted > 0;
        if (want != s.interestedSent && s.link != null) {
            s.interestedSent = want;
            s.link.interested(want);
            s.link.flush();
        }
    }

    void onHave(PeerSession s, int piece) {
        if (s.phase != PeerSession.Phase.ACTIVE || piece < 0 || piece >= manifest.pieceCount()) {
            runtime.drops().dropped(DropReason.UNEXPECTED);
            s.close();
            return;
        }
        if (!s.has.get(piece)) {
            s.has.set(piece);
            picker.peerHas(piece);
            if (!picker.has(piece)) {
                s.wanted++;
                updateInterest(s);
            }
            fill(s);
        }
    }

    void onSessionClosed(PeerSession s) {
        if (s.phase == PeerSession.Phase.CLOSED) {
            return;
        }
        s.phase = PeerSession.Phase.CLOSED;
        if (sessions.get(s.address) == s) {
            sessions.remove(s.address);
        }
        if (!s.closedByUs && !banned.contains(s.address)) {
            backOff(s.address);
        }
        if (s.has != null && picker != null) {
            picker.removePeer(s.has);
        }
        if (planner != null) {
            planner.peerGone(s);
        }
        if (stopped) {
            return;
        }
        connectMore();
        fillAll();
    }

    private void ban(PeerSession s, String why) {
        if (banned.add(s.address)) {
            LOG.info("banned {} for {}: {}", s.address, name, why);
        }
        if (planner != null) {
            planner.dropBlocksFrom(s);
        }
        s.close();
        if (!manifestKnown) {
            connectMore();
        }
    }

    // ------------------------------------------------------------------ requests

    private void fillAll() {
        for (PeerSession s : List.copyOf(sessions.values())) {
            fill(s);
        }
    }

    /** Tops up {@code s}'s pipeline of requests and flushes them in one write. */
    void fill(PeerSession s) {
        if (s.phase != PeerSession.Phase.ACTIVE || s.choked || stopped) {
            return;
        }
        boolean sent = false;
        while (s.outstanding.size() < s.window.size()) {
            // Endgame duplicates only fill a link that has little left of its own: with a window of hundreds,
            // a fast link would otherwise duplicate every block in flight elsewhere, and a piece whose blocks
            // came from two peers cannot be blamed on one when it fails its hash.
            long key = planner.nextBlock(s, verifying, s.outstanding.size() < config.requestWindowFloor());
            if (key < 0) {
                break;
            }
            ActivePiece ap = planner.get((int) (key >>> 32));
            int block = (int) key;
            if (ap.blocks[block] == ActivePiece.NONE) {
                ap.blocks[block] = ActivePiece.REQUESTED;
            }
            ap.requests[block]++;
            s.outstanding.add(key);
            s.link.requestBlock(ap.index, block * PeerLink.BLOCK_SIZE, ap.blockLength(block));
            sent = true;
        }
        if (sent) {
            s.link.flush();
        }
    }

    ByteBuffer onBlockStart(PeerSession s, int piece, int offset, int length) {
        ActivePiece ap = planner == null ? null : planner.get(piece);
        int block = offset / PeerLink.BLOCK_SIZE;
        long key = PeerSession.key(piece, block);
        if (ap == null || !s.outstanding.contains(key) || offset % PeerLink.BLOCK_SIZE != 0
                || length != ap.blockLength(block)) {
            runtime.drops().dropped(DropReason.UNREQUESTED_BLOCK);
            downloadedBytes += length;
            return null;
        }
        if (ap.blocks[block] == ActivePiece.RECEIVED || ap.blocks[block] == ActivePiece.RECEIVING) {
            // An endgame duplicate: another peer's copy came (or is coming) first.
            s.outstanding.remove(key);
            ap.requests[block]--;
            downloadedBytes += length;
            return null;
        }
        ap.blocks[block] = ActivePiece.RECEIVING;
        s.receivingKey = key;
        return ap.buffer.slice(offset, length);
    }

    void onBlockDone(PeerSession s, int piece, int offset, int length) {
        ActivePiece ap = planner.get(piece);
        int block = offset / PeerLink.BLOCK_SIZE;
        long key = PeerSession.key(piece, block);
        s.receivingKey = -1;
        s.outstanding.remove(key);
        s.blocksDelivered++;
        s.window.delivered(length, clock.nanoTime());
        downloadedBytes += length;
        downloadedFrom.merge(s.address.host(), (long) length, Long::sum);
        delivered.add(s.address);
        ap.blocks[block] = ActivePiece.RECEIVED;
        ap.requests[block]--;
        ap.received++;
        ap.from[block] = s;
        if (ap.requests[block] > 0) {
            for (PeerSession other : sessions.values()) {
                if (other != s && other.outstanding.remove(key)) {
                    ap.requests[block]--;
                    other.link.cancel(piece, offset, length);
                }
            }
        }
        if (ap.complete()) {
            planner.remove(piece);
            verifying++;
            host.pieceDownloaded(ap);
        }
    }
}
