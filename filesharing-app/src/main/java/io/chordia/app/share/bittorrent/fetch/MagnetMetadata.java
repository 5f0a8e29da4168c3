package io.chordia.app.share.bittorrent.fetch;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerConnector;
import io.chordia.app.share.swarm.PeerLink;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.chordia.core.net.Address;
import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Scheduler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A magnet link's info dictionary, fetched with ut_metadata from the peers found for its infohash,
 * {@link #PARALLEL} at a time, until one sends a dictionary whose SHA-1 is the infohash. That one
 * is final: a torrent our manifest cannot hold fails with the reason ({@link InvalidManifestException}),
 * since every honest peer would send the same bytes. Runs on {@code scheduler}'s thread, the one its
 * connector's links report on; fails with a {@link FetchFailedException} when every peer failed or
 * {@code timeout} passed.
 */
public final class MagnetMetadata {
    /** Peers asked at once: the first to answer wins, a silent one does not hold the fetch up. */
    static final int PARALLEL = 4;

    private final InfoHash infoHash;
    private final Deque<Address> waiting;
    private final int peerCount;
    private final PeerConnector connector;
    private final Scheduler scheduler;
    private final CompletableFuture<TorrentInfo> result = new CompletableFuture<>();
    private final List<PeerLink> links = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int active;
    private Cancellable timer = Cancellable.NONE;

    private MagnetMetadata(InfoHash infoHash, List<Address> peers, PeerConnector connector, Scheduler scheduler) {
        this.infoHash = infoHash;
        this.waiting = new ArrayDeque<>(peers);
        this.peerCount = peers.size();
        this.connector = connector;
        this.scheduler = scheduler;
    }

    /** Starts on {@code scheduler}'s thread; the future completes there. */
    public static CompletableFuture<TorrentInfo> fetch(InfoHash infoHash, List<Address> peers, PeerConnector connector,
                                                       Scheduler scheduler, Duration timeout) {
        MagnetMetadata m = new MagnetMetadata(infoHash, peers, connector, scheduler);
        scheduler.execute(() -> m.start(timeout));
        return m.result;
    }

    private void start(Duration timeout) {
        timer = scheduler.schedule(timeout, () -> fail("no peer sent it within " + timeout.toSeconds() + " s"));
        connectMore();
    }

    private void connectMore() {
        while (!result.isDone() && active < PARALLEL && !waiting.isEmpty()) {
            Address peer = waiting.poll();
            active++;
            links.add(connector.connect(peer, new ContentId(infoHash.id()), PeerConnector.Purpose.MANIFEST, new Events(peer)));
        }
        if (!result.isDone() && active == 0) {
            fail(failures.isEmpty() ? "no peer to ask" : String.join("; ", failures));
        }
    }

    private void fail(String why) {
        finish(null, new FetchFailedException("none of the " + peerCount + " peers found sent the metadata of "
                + infoHash.toHex() + ": " + why));
    }

    private void finish(TorrentInfo info, RuntimeException failure) {
        if (result.isDone()) {
            return;
        }
        timer.cancel();
        if (failure == null) {
            result.complete(info);
        } else {
            result.completeExceptionally(failure);
        }
        links.forEach(PeerLink::close);
    }

    /** One peer's metadata link. */
    private final class Events implements PeerLinkEvents {
        private final Address peer;
        private boolean closed;
        private String why = "closed the connection";

        Events(Address peer) {
            this.peer = peer;
        }

        @Override
        public void onManifest(byte[] contentId, byte[] info) {
            try {
                finish(TorrentInfo.parse(info), null);
            } catch (InvalidManifestException e) {
                finish(null, new InvalidManifestException("the torrent " + infoHash.toHex()
                        + " cannot be fetched by Chordia: " + e.getMessage()));
            }
        }

        @Override
        public void onMalformed(DropReason reason) {
            why = "broke the protocol (" + reason + ")";
        }

        @Override
        public void onClosed() {
            if (closed) {
                return;
            }
            closed = true;
            active--;
            if (failures.size() < 5) {
                failures.add(peer + " " + why);
            }
            connectMore();
        }

        @Override
        public void onUnknownContent() { }

        @Override
        public void onBitfield(byte[] contentId, byte[] bits) { }

        @Override
        public void onHave(int piece) { }

        @Override
        public void onRequestLimit(int requests) { }

        @Override
        public void onChoke(String reason) { }

        @Override
        public void onUnchoke() { }

        @Override
        public ByteBuffer onBlockStart(int piece, int offset, int length) {
            return null;
        }

        @Override
        public void onBlockDone(int piece, int offset, int length) { }

        @Override
        public void onReadComplete() { }
    }
}
