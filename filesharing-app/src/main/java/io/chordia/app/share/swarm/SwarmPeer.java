package io.chordia.app.share.swarm;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.Manifest;
import io.chordia.core.net.Address;
import java.util.BitSet;
import java.util.Collection;

/**
 * The download half of a simulated peer: a {@link Swarm} that knows the manifest from the start
 * and counts every downloaded piece as verified without hashing it, since the simulator's peers
 * do not lie and a large swarm would otherwise spend its time in SHA-1. Scheduling, requests,
 * endgame, interest and choking are the real fetch's. Confined to the node thread of its runtime.
 */
public final class SwarmPeer {
    /** What the peer reports. Called on the node thread. */
    public interface Listener {
        void pieceVerified(int piece);

        void completed();
    }

    private final Swarm swarm;
    private final Manifest manifest;
    private final BitSet have;
    private final SwarmRuntime runtime;
    private final Listener listener;
    private boolean started;

    public SwarmPeer(ContentId id, Manifest manifest, BitSet have, SwarmConfig config, SwarmRuntime runtime,
                     Listener listener) {
        this.manifest = manifest;
        this.have = (BitSet) have.clone();
        this.runtime = runtime;
        this.listener = listener;
        this.swarm = new Swarm(id, manifest.name(), config, runtime, new Swarm.Host() {
            @Override
            public void manifestArrived(byte[] encoded) {
                // the manifest is known from the start: no manifest link is ever opened
            }

            @Override
            public void pieceDownloaded(ActivePiece piece) {
                runtime.scheduler().execute(() -> verified(piece));
            }
        });
    }

    /** Starts fetching from {@code peers} (more may come through {@link #addPeers}). */
    public void start(Collection<Address> peers, Address self) {
        if (!started) {
            started = true;
            swarm.startData(manifest, have);
        }
        swarm.addCandidates(peers, self);
    }

    public void addPeers(Collection<Address> peers, Address self) {
        if (started && !swarm.complete()) {
            swarm.addCandidates(peers, self);
        }
    }

    /** Reconnects to peers whose back-off is over; the owner calls it now and then. */
    public void tick() {
        if (started && !swarm.complete()) {
            swarm.tick();
        }
    }

    public boolean complete() {
        return have.cardinality() == manifest.pieceCount();
    }

    /** Download links open now. */
    public int links() {
        return swarm.sessionCount();
    }

    /** Bytes {@code host} has delivered to us: what tit-for-tat ranks by. */
    public long downloadedFrom(String host) {
        return swarm.downloadedFrom(host);
    }

    private void verified(ActivePiece piece) {
        piece.buffer.release();
        swarm.pieceVerified(piece, true);
        have.set(piece.index);
        listener.pieceVerified(piece.index);
        if (complete()) {
            swarm.stop();
            listener.completed();
        }
    }
}
