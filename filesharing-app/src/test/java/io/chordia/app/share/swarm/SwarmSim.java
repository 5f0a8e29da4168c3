package io.chordia.app.share.swarm;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.streams.StreamPeerConnector;
import io.chordia.app.share.streams.StreamSeeder;
import io.chordia.core.net.Address;
import io.chordia.core.sim.SimStreamNetwork;
import io.chordia.core.sim.StreamLink;
import io.chordia.core.sim.VirtualNodeScheduler;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.transport.StreamTransport;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A swarm in virtual time: seeders and fetchers on one {@link VirtualScheduler}, linked by
 * {@link SimStreamNetwork} streams of a given bandwidth and latency, the fetchers running the
 * real {@link SwarmFetcher} (pieces hashed and written to disk inline). Everything random comes
 * from one seed; {@link #trace()} lists what every link did, in order, with its virtual time.
 */
final class SwarmSim {
    static final int PORT = 6881;
    static final int MAX_FRAME = 64 * 1024;

    final VirtualScheduler loop = new VirtualScheduler();
    final SimStreamNetwork network;
    final InMemoryPeerDirectory directory = new InMemoryPeerDirectory(loop::nowNanos);
    final LocalContent content;
    final byte[] data;
    final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    /** CHOKE frames the fetchers received. */
    int chokes;
    private final DropCounter counter = new DropCounter() {
        @Override
        public void dropped(DropReason reason) {
            count(reason);
        }

        @Override
        public void choked() {
            chokes++;
        }
    };
    private final Path dir;
    private final SplittableRandom seeds;
    private final List<String> trace = new ArrayList<>();

    SwarmSim(Path dir, long seed, int size, int pieceSize, StreamLink link) throws Exception {
        this.dir = dir;
        this.seeds = new SplittableRandom(seed);
        this.network = new SimStreamNetwork(loop, link);
        Path file = SampleFiles.random(dir.resolve("original").resolve("data.bin"), size, 42);
        this.content = new Sharer(pieceSize).share(file);
        this.data = Files.readAllBytes(file);
    }

    /** A seeder at {@code host} serving the content from {@code source}, announced in the directory. */
    StreamSeeder seeder(String host, StreamSeeder.BlockSource source) {
        Address address = new Address(host, PORT);
        StreamTransport transport = network.attach(address, loop.newNodeScheduler(host), MAX_FRAME);
        StreamSeeder seeder = new StreamSeeder(transport, this::count);
        seeder.serve(content.id(), content.manifest(), content.encodedManifest(), source);
        directory.announce(content.id(), address, Duration.ofHours(1));
        return seeder;
    }

    /**
     * A seed at {@code host} that serves the whole content through a {@link Choker} (every
     * connection starts choked and is unchoked when interested), announced in the directory.
     */
    StreamSeeder chokingSeed(String host) {
        Address address = new Address(host, PORT);
        VirtualNodeScheduler node = loop.newNodeScheduler(host);
        StreamSeeder seeder = new StreamSeeder(network.attach(address, node, MAX_FRAME), this::count);
        java.util.BitSet all = new java.util.BitSet();
        all.set(0, content.manifest().pieceCount());
        Choker choker = new Choker(node, seeds.split(), ChokePolicy.defaults(), h -> 0, () -> true);
        seeder.servePartial(content.id(), content.manifest(), content.encodedManifest(),
                (offset, into, at, length) -> System.arraycopy(data, (int) offset, into, at, length), all, choker);
        choker.start();
        directory.announce(content.id(), address, Duration.ofHours(1));
        return seeder;
    }

    StreamSeeder honestSeeder(String host) {
        return seeder(host, (offset, into, at, length) -> System.arraycopy(data, (int) offset, into, at, length));
    }

    /** Starts a fetch of the content at {@code host}; its links are traced. */
    CompletableFuture<FetchResult> fetcher(String host, SwarmConfig config) {
        Address address = new Address(host, PORT);
        VirtualNodeScheduler node = loop.newNodeScheduler(host);
        StreamTransport transport = network.attach(address, node, MAX_FRAME);
        PeerConnector traced = new TracingConnector(host, new StreamPeerConnector(transport));
        SwarmRuntime runtime = new SwarmRuntime(node, Runnable::run, traced, PieceBuffers.HEAP, seeds.split(), counter);
        SwarmFetcher fetcher = new SwarmFetcher(content.link(), dir.resolve("out-" + host), directory, address, config, runtime,
                ProgressListener.NONE);
        return fetcher.start();
    }

    /** Runs until every fetch is done, or {@code max} of virtual time has passed. */
    boolean runUntilDone(List<CompletableFuture<FetchResult>> fetches, Duration max) {
        return loop.runUntil(() -> fetches.stream().allMatch(CompletableFuture::isDone), max);
    }

    boolean sameBytes(FetchResult r) throws Exception {
        return java.util.Arrays.equals(Files.readAllBytes(r.root()), data);
    }

    List<String> trace() {
        return trace;
    }

    ContentId id() {
        return content.id();
    }

    private void count(DropReason reason) {
        drops.merge(reason, 1, Integer::sum);
    }

    private void record(String line) {
        trace.add(loop.nowNanos() + " " + line);
    }

    /** Records every request sent and every event received, per fetcher and peer. */
    private final class TracingConnector implements PeerConnector {
        private final String host;
        private final PeerConnector inner;

        TracingConnector(String host, PeerConnector inner) {
            this.host = host;
            this.inner = inner;
        }

        @Override
        public PeerLink connect(Address peer, ContentId id, Purpose purpose, PeerLinkEvents events) {
            String who = host + "<" + peer.host();
            record(who + " connect " + purpose);
            PeerLink link = inner.connect(peer, id, purpose, new PeerLinkEvents() {
                @Override
                public void onManifest(byte[] contentId, byte[] encoded) {
                    record(who + " manifest");
                    events.onManifest(contentId, encoded);
                }

                @Override
                public void onUnknownContent() {
                    record(who + " unknown");
                    events.onUnknownContent();
                }

                @Override
                public void onBitfield(byte[] contentId, byte[] bits) {
                    record(who + " bitfield");
                    events.onBitfield(contentId, bits);
                }

                @Override
                public void onHave(int piece) {
                    record(who + " have " + piece);
                    events.onHave(piece);
                }

                @Override
                public void onRequestLimit(int requests) {
                    events.onRequestLimit(requests);
                }

                @Override
                public void onChoke(String reason) {
                    record(who + " choke");
                    events.onChoke(reason);
                }

                @Override
                public void onUnchoke() {
                    record(who + " unchoke");
                    events.onUnchoke();
                }

                @Override
                public ByteBuffer onBlockStart(int piece, int offset, int length) {
                    return events.onBlockStart(piece, offset, length);
                }

                @Override
                public void onBlockDone(int piece, int offset, int length) {
                    record(who + " block " + piece + "/" + offset);
                    events.onBlockDone(piece, offset, length);
                }

                @Override
                public void onReadComplete() {
                    events.onReadComplete();
                }

                @Override
                public void onMalformed(DropReason reason) {
                    record(who + " malformed " + reason);
                    events.onMalformed(reason);
                }

                @Override
                public void onClosed() {
                    record(who + " closed");
                    events.onClosed();
                }
            });
            return new PeerLink() {
                @Override
                public void requestBlock(int piece, int offset, int length) {
                    record(who + " request " + piece + "/" + offset);
                    link.requestBlock(piece, offset, length);
                }

                @Override
                public void cancel(int piece, int offset, int length) {
                    record(who + " cancel " + piece + "/" + offset);
                    link.cancel(piece, offset, length);
                }

                @Override
                public void interested(boolean yes) {
                    record(who + (yes ? " interested" : " not interested"));
                    link.interested(yes);
                }

                @Override
                public void flush() {
                    link.flush();
                }

                @Override
                public void close() {
                    link.close();
                }
            };
        }
    }
}
