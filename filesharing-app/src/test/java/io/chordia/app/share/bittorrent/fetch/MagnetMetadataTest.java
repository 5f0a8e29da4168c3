package io.chordia.app.share.bittorrent.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerConnector;
import io.chordia.app.share.swarm.PeerLink;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.chordia.core.net.Address;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.time.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A magnet's info dictionary: from the first peer that has it, 4 peers at a time; refusals and failures say why. */
class MagnetMetadataTest {
    static final byte[] INFO = FetchingSessionTest.INFO;
    static final InfoHash HASH = FetchingSessionTest.HASH;

    final VirtualScheduler sim = new VirtualScheduler();
    final Scheduler thread = sim.newNodeScheduler("fetch");
    final Map<Address, PeerLinkEvents> connected = new LinkedHashMap<>();
    final List<Address> closedByUs = new ArrayList<>();

    final PeerConnector connector = (peer, content, purpose, events) -> {
        assertThat(purpose).isEqualTo(PeerConnector.Purpose.MANIFEST);
        connected.put(peer, events);
        return new PeerLink() {
            @Override
            public void requestBlock(int piece, int offset, int length) { }

            @Override
            public void cancel(int piece, int offset, int length) { }

            @Override
            public void interested(boolean yes) { }

            @Override
            public void flush() { }

            @Override
            public void close() {
                closedByUs.add(peer);
            }
        };
    };

    static List<Address> peers(int n) {
        List<Address> peers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            peers.add(new Address("10.0.0." + i, 6881));
        }
        return peers;
    }

    CompletableFuture<TorrentInfo> fetch(List<Address> peers) {
        CompletableFuture<TorrentInfo> f = MagnetMetadata.fetch(HASH, peers, connector, thread, Duration.ofSeconds(30));
        sim.advance(Duration.ofMillis(1)); // the start, not the timeout
        return f;
    }

    @Test
    void asksFourPeersAtOnceAndTheNextWhenOneFails() {
        List<Address> peers = peers(6);
        CompletableFuture<TorrentInfo> f = fetch(peers);
        assertThat(connected.keySet()).containsExactlyElementsOf(peers.subList(0, 4));

        connected.get(peers.get(1)).onClosed();
        assertThat(connected.keySet()).containsExactlyElementsOf(peers.subList(0, 5));

        connected.get(peers.get(4)).onManifest(HASH.toBytes(), INFO);

        assertThat(f).isCompleted();
        assertThat(f.join().infoHash()).isEqualTo(HASH);
        assertThat(closedByUs).contains(peers.get(0), peers.get(2), peers.get(3));
    }

    @Test
    void aTorrentOurManifestCannotHoldFailsWithTheReason() {
        byte[] odd = "d6:lengthi5e4:name1:x12:piece lengthi20000e6:pieces20:aaaaaaaaaaaaaaaaaaaae".getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<TorrentInfo> f = fetch(peers(1));
        connected.values().iterator().next().onManifest(InfoHash.of(odd).toBytes(), odd);

        assertThat(f).isCompletedExceptionally();
        assertThat(cause(f)).isInstanceOf(InvalidManifestException.class).hasMessageContaining("power of two");
    }

    @Test
    void whenEveryPeerFailsItSaysWhatEachDid() {
        CompletableFuture<TorrentInfo> f = fetch(peers(2));
        List<PeerLinkEvents> links = new ArrayList<>(connected.values());
        links.get(0).onMalformed(DropReason.BAD_MANIFEST);
        links.get(0).onClosed();
        links.get(0).onClosed(); // closes may be reported twice
        links.get(1).onClosed();

        assertThat(cause(f)).isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("none of the 2 peers").hasMessageContaining("10.0.0.1:6881 broke the protocol (BAD_MANIFEST)")
                .hasMessageContaining("10.0.0.2:6881 closed the connection");
    }

    @Test
    void silentPeersTimeOut() {
        CompletableFuture<TorrentInfo> f = fetch(peers(1));
        sim.advance(Duration.ofSeconds(31));

        assertThat(cause(f)).isInstanceOf(FetchFailedException.class).hasMessageContaining("within 30 s");
        assertThat(closedByUs).hasSize(1);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.get();
            throw new AssertionError("completed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
