package io.chordia.app.share.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.streams.StreamSeeder;
import io.chordia.core.net.Address;
import io.chordia.core.sim.StreamLink;
import io.chordia.core.util.Bytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm logic with no sockets: {@link SwarmFetcher}s against seeders over simulated streams
 * (8 MB/s and 10 ms each way per link) in virtual time, a 2 MiB content in 64 KiB pieces.
 */
class SwarmSimTest {
    private static final int SIZE = 2 << 20;
    private static final int PIECE = 64 * 1024;
    private static final long RATE = 8_000_000;
    private static final StreamLink LINK = new StreamLink(RATE, Duration.ofMillis(10));
    private static final SwarmConfig CONFIG = SwarmConfig.defaults();

    @TempDir
    Path dir;

    private SwarmSim sim(String name, long seed) throws Exception {
        return new SwarmSim(dir.resolve(name), seed, SIZE, PIECE, LINK);
    }

    @Test
    void oneSeederServesFourFetchersEveryPieceVerified() throws Exception {
        SwarmSim sim = sim("four", 1);
        sim.honestSeeder("10.0.0.1");
        List<CompletableFuture<FetchResult>> fetches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fetches.add(sim.fetcher("10.0.1." + (i + 1), CONFIG));
        }
        assertThat(sim.runUntilDone(fetches, Duration.ofMinutes(1))).isTrue();
        for (CompletableFuture<FetchResult> f : fetches) {
            FetchResult r = f.get();
            assertThat(sim.sameBytes(r)).isTrue();
            assertThat(r.hashFailures()).isZero();
            assertThat(r.downloadedBytes()).isGreaterThanOrEqualTo(SIZE);
        }
        // Each fetcher has its own 8 MB/s link: the transfer takes at least its bytes over that rate, and not
        // much more (the request round trips overlap with the blocks in flight).
        double seconds = sim.loop.nowNanos() / 1e9;
        assertThat(seconds).isGreaterThan(SIZE / (double) RATE).isLessThan(2 * SIZE / (double) RATE + 0.2);
    }

    @Test
    void aChokeUnderTitForTatIsCountedAsAChokeNotADrop() throws Exception {
        SwarmSim sim = sim("choke", 7);
        sim.chokingSeed("10.0.0.1");
        CompletableFuture<FetchResult> fetch = sim.fetcher("10.0.1.1", CONFIG);
        assertThat(sim.runUntilDone(List.of(fetch), Duration.ofMinutes(1))).isTrue();
        assertThat(sim.sameBytes(fetch.get())).isTrue();
        // The choker chokes every new connection before it unchokes the interested ones.
        assertThat(sim.chokes).isPositive();
        assertThat(sim.drops).doesNotContainKey(DropReason.CHOKED);
    }

    @Test
    void aSeederSendingBadPiecesIsBannedAndTheFetchCompletesFromTheOther() throws Exception {
        SwarmSim sim = sim("liar", 2);
        sim.honestSeeder("10.0.0.1");
        sim.seeder("10.0.0.2", (offset, into, at, length) -> {
            for (int i = 0; i < length; i++) {
                into[at + i] = (byte) (sim.data[(int) offset + i] ^ 0x5A);
            }
        });
        CompletableFuture<FetchResult> fetch = sim.fetcher("10.0.1.1", CONFIG);
        assertThat(sim.runUntilDone(List.of(fetch), Duration.ofMinutes(1))).isTrue();
        FetchResult r = fetch.get();
        assertThat(sim.sameBytes(r)).isTrue();
        assertThat(r.banned()).containsExactly(new Address("10.0.0.2", SwarmSim.PORT));
        assertThat(r.hashFailures()).isPositive();
        assertThat(sim.drops.get(DropReason.BAD_PIECE)).isEqualTo(r.hashFailures());
    }

    @Test
    void aPeerThatStallsMidTransferHasItsBlocksAskedOfAnother() throws Exception {
        SwarmSim sim = sim("stall", 3);
        StreamSeeder staller = sim.honestSeeder("10.0.0.1");
        // A 6-block window over 4-block pieces: after 3 blocks the staller has been asked for 9, the last of them
        // the first block of a piece it owns, whose other 3 blocks nobody has been asked for when it goes silent.
        staller.stallAfter(3);
        sim.honestSeeder("10.0.0.2");
        CompletableFuture<FetchResult> fetch = sim.fetcher("10.0.1.1", CONFIG.withFixedRequestWindow(6));
        assertThat(sim.runUntilDone(List.of(fetch), Duration.ofMinutes(1))).isTrue();
        FetchResult r = fetch.get();
        assertThat(sim.sameBytes(r)).isTrue();
        assertThat(staller.blocksServed()).isEqualTo(3);
        assertThat(sim.loop.nowNanos()).as("done long before the stall timeout would fail the fetch")
                .isLessThan(Duration.ofSeconds(5).toNanos());
        List<String> askedOfStaller = blocksIn(sim.trace(), "10.0.1.1<10.0.0.1 request ");
        List<String> deliveredByStaller = blocksIn(sim.trace(), "10.0.1.1<10.0.0.1 block ");
        List<String> deliveredByOther = blocksIn(sim.trace(), "10.0.1.1<10.0.0.2 block ");
        askedOfStaller.removeAll(deliveredByStaller);
        assertThat(askedOfStaller).as("blocks the staller never sent").isNotEmpty();
        assertThat(deliveredByOther).containsAll(askedOfStaller);
    }

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() throws Exception {
        List<String> first = fourFetchersTrace("a", 7);
        List<String> again = fourFetchersTrace("b", 7);
        List<String> other = fourFetchersTrace("c", 8);
        assertThat(first).hasSizeGreaterThan(4 * SIZE / PeerLink.BLOCK_SIZE);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aPeerSendingGarbageIsCountedAndDroppedAndTheFetchFailsCleanly() throws Exception {
        SwarmSim sim = sim("garbage", 4);
        Address liar = new Address("10.0.0.9", SwarmSim.PORT);
        sim.network.attach(liar, sim.loop.newNodeScheduler("liar"), SwarmSim.MAX_FRAME).onAccept(ch -> ch.onFrame(
                f -> ch.send(Bytes.copyOf(new byte[] {0x7F, 0, 0, 0, 0}))));
        sim.directory.announce(sim.id(), liar, Duration.ofHours(1));
        CompletableFuture<FetchResult> fetch = sim.fetcher("10.0.1.1", CONFIG.withStallTimeout(Duration.ofSeconds(3)));
        assertThat(sim.runUntilDone(List.of(fetch), Duration.ofMinutes(1))).isTrue();
        assertThat(sim.drops.get(DropReason.UNKNOWN_TYPE)).as("one per connection, retried after the back-off")
                .isBetween(1, 3);
        assertThat(fetch).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(FetchFailedException.class)
                .withMessageContaining("no peer delivered the manifest");
    }

    private List<String> fourFetchersTrace(String name, long seed) throws Exception {
        SwarmSim sim = sim(name, seed);
        sim.honestSeeder("10.0.0.1");
        List<CompletableFuture<FetchResult>> fetches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fetches.add(sim.fetcher("10.0.1." + (i + 1), CONFIG));
        }
        assertThat(sim.runUntilDone(fetches, Duration.ofMinutes(1))).isTrue();
        return sim.trace();
    }

    private static List<String> blocksIn(List<String> trace, String prefix) {
        List<String> blocks = new ArrayList<>();
        for (String line : trace) {
            int at = line.indexOf(prefix);
            if (at >= 0) {
                blocks.add(line.substring(at + prefix.length()));
            }
        }
        return blocks;
    }
}
