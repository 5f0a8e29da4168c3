package io.chordia.app.share.sim;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.ManifestCodec;
import io.chordia.app.share.ManifestFile;
import io.chordia.app.share.streams.StreamPeerConnector;
import io.chordia.app.share.streams.StreamSeeder;
import io.chordia.app.share.swarm.Choker;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerLink;
import io.chordia.app.share.swarm.PieceBuffers;
import io.chordia.app.share.swarm.SwarmConfig;
import io.chordia.app.share.swarm.SwarmPeer;
import io.chordia.app.share.swarm.SwarmRuntime;
import io.chordia.core.net.Address;
import io.chordia.core.sim.SimStreamNetwork;
import io.chordia.core.sim.StreamLink;
import io.chordia.core.sim.VirtualNodeScheduler;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.transport.StreamTransport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs one {@link SwarmScenario}: every peer is a {@link StreamSeeder} serving the pieces it has
 * (with a {@link Choker}) plus, for leechers, a {@link SwarmPeer} fetching the rest, on a
 * {@link SimStreamNetwork} whose peers each have one shared uplink; all on one
 * {@link VirtualScheduler}, so a run is as fast as the machine and fully determined by the seed.
 * Leechers learn peers as from a tracker (a random sample of those present, on arrival and every
 * 30 s) and from the peers that connect to them; they stay as seeds once done.
 */
public final class SwarmSimulation {
    static final int PORT = 6881;
    private static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(30);
    private static final Duration TICK_EVERY = Duration.ofSeconds(2);
    private static final int MAX_FRAME = 64 * 1024;
    /** Links are limited by the sender's uplink only: a peer's download is what others give it. */
    private static final long LINK_RATE = 1L << 40;

    private final SwarmScenario scenario;
    private final VirtualScheduler loop = new VirtualScheduler();
    private final SimStreamNetwork network;
    private final Manifest manifest;
    private final byte[] encodedManifest;
    private final ContentId id;
    private final SwarmConfig config;
    private final List<SimPeer> peers = new ArrayList<>();
    private final List<SimPeer> present = new ArrayList<>();
    private final int[] availability;
    private final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
    private final SplittableRandom tracker;
    private final List<SwarmRun.Sample> samples = new ArrayList<>();
    private final PieceBuffers scratch;
    /** Blocks that have left an initial seed at least once, and how many the seeds sent until all had. */
    private final BitSet seedBlocksOut;
    private final int blocksPerPiece;
    private long seedBlocksSent;
    private long seedBlocksAtFullCopy = -1;
    private long seedFullCopyNanos = -1;
    private int done;

    /** One peer of the swarm. */
    private final class SimPeer {
        final int index;
        final boolean initialSeed;
        final Address address;
        final VirtualNodeScheduler node;
        final long uplink;
        final StreamSeeder seeder;
        SwarmPeer fetch;
        long arrivedNanos = -1;
        long firstPieceNanos = -1;
        long doneNanos = -1;
        long uplinkMark;

        SimPeer(int index, boolean initialSeed, long uplink) {
            this.index = index;
            this.initialSeed = initialSeed;
            this.uplink = uplink;
            this.address = new Address("10." + ((index >> 16) & 0xFF) + "." + ((index >> 8) & 0xFF) + "." + (index & 0xFF), PORT);
            this.node = loop.newNodeScheduler(address.host());
            network.setUplink(address, uplink);
            StreamTransport transport = network.attach(address, node, MAX_FRAME);
            this.seeder = new StreamSeeder(transport, SwarmSimulation.this::dropped);
            this.connector = new StreamPeerConnector(transport);
        }

        final StreamPeerConnector connector;

        boolean hasAll() {
            return initialSeed || doneNanos >= 0;
        }
    }

    public SwarmSimulation(SwarmScenario scenario) {
        this.scenario = scenario;
        this.network = new SimStreamNetwork(loop, new StreamLink(LINK_RATE, scenario.latency()));
        int pieces = scenario.pieces();
        this.manifest = new Manifest("swarm.bin", false, scenario.pieceSize(),
                List.of(new ManifestFile("swarm.bin", scenario.size())), new byte[pieces * Manifest.HASH_BYTES]);
        this.encodedManifest = ManifestCodec.encode(manifest);
        this.id = ContentId.of(encodedManifest);
        // A fixed window of 16, as before the adaptive one: on these 1-10 MB/s uplinks the adaptive window
        // (a peer owns each piece it starts) puts so many pieces in flight per link that rarest first loses
        // its edge over random (SimulatedSwarmSimTest; docs/benchmarks.md, the request window).
        this.config = SwarmConfig.defaults().withMaxPeers(scenario.connections()).withFixedRequestWindow(16)
                .withPiecePolicy(scenario.picker());
        this.availability = new int[pieces];
        this.scratch = scratchBuffers(scenario.pieceSize());
        this.blocksPerPiece = (scenario.pieceSize() + PeerLink.BLOCK_SIZE - 1) / PeerLink.BLOCK_SIZE;
        this.seedBlocksOut = new BitSet(pieces * blocksPerPiece);
        SplittableRandom master = new SplittableRandom(scenario.seed());
        SplittableRandom uploads = master.split();
        SplittableRandom arrivals = master.split();
        this.tracker = master.split();
        SplittableRandom peerRandom = master.split();
        for (int i = 0; i < scenario.seeds() + scenario.leechers(); i++) {
            peers.add(new SimPeer(i + 1, i < scenario.seeds(), scenario.upload().draw(uploads)));
        }
        double at = 0;
        for (SimPeer p : peers) {
            SplittableRandom own = peerRandom.split();
            if (p.initialSeed) {
                loop.schedule(Duration.ZERO, () -> arriveAsSeed(p, own));
            } else {
                at += scenario.arrival().nextGapSeconds(arrivals);
                loop.schedule(Duration.ofNanos((long) (at * 1e9)), () -> arriveAsLeecher(p, own));
            }
        }
    }

    /** Runs until every leecher is done or {@link SwarmScenario#maxTime} passes. */
    public SwarmRun run() {
        long every = scenario.sample().toNanos();
        loop.schedule(scenario.sample(), new Runnable() {
            @Override
            public void run() {
                sample(every);
                if (done < scenario.leechers()) {
                    loop.schedule(scenario.sample(), this);
                }
            }
        });
        loop.runUntil(() -> done == scenario.leechers(), scenario.maxTime());
        sample(every);
        return SwarmRunSummary.of(scenario, results(), samples, seedUniqueShare(),
                seedFullCopyNanos < 0 ? -1 : seedFullCopyNanos / 1e9, loop.nowNanos() / 1e9, loop.executedEvents());
    }

    /** Inputs the seeders counted as malformed or unwanted, by reason. */
    public Map<DropReason, Integer> drops() {
        return Map.copyOf(drops);
    }

    private void arriveAsSeed(SimPeer p, SplittableRandom random) {
        p.arrivedNanos = loop.nowNanos();
        BitSet all = new BitSet(availability.length);
        all.set(0, availability.length);
        Choker choker = new Choker(p.node, random, scenario.choke(), host -> 0, () -> true);
        p.seeder.servePartial(id, manifest, encodedManifest, SwarmSimulation::fill, all, choker);
        p.seeder.listener(new StreamSeeder.Listener() {
            @Override
            public void served(String host, int piece, int offset, int length) {
                seedServed(piece, offset);
            }
        });
        choker.start();
        for (int i = 0; i < availability.length; i++) {
            availability[i]++;
        }
        present.add(p);
    }

    private void arriveAsLeecher(SimPeer p, SplittableRandom random) {
        p.arrivedNanos = loop.nowNanos();
        SwarmRuntime runtime = new SwarmRuntime(p.node, Runnable::run, p.connector, scratch, random.split(),
                this::dropped);
        p.fetch = new SwarmPeer(id, manifest, new BitSet(), config, runtime, new SwarmPeer.Listener() {
            @Override
            public void pieceVerified(int piece) {
                availability[piece]++;
                if (p.firstPieceNanos < 0) {
                    p.firstPieceNanos = loop.nowNanos();
                }
                p.seeder.have(id, piece);
            }

            @Override
            public void completed() {
                p.doneNanos = loop.nowNanos();
                done++;
            }
        });
        Choker choker = new Choker(p.node, random.split(), scenario.choke(), p.fetch::downloadedFrom, p.fetch::complete);
        p.seeder.servePartial(id, manifest, encodedManifest, SwarmSimulation::fill, new BitSet(), choker);
        // A peer that connects to us is one we can fetch from too, as on BitTorrent's two-way connections.
        p.seeder.listener(new StreamSeeder.Listener() {
            @Override
            public void opened(String host) {
                p.fetch.addPeers(List.of(new Address(host, PORT)), p.address);
            }
        });
        choker.start();
        List<Address> known = trackerSample(p);
        present.add(p);
        p.fetch.start(known, p.address);
        p.node.scheduleAtFixedRate(ANNOUNCE_EVERY, ANNOUNCE_EVERY, () -> {
            if (!p.fetch.complete() && p.fetch.links() < scenario.connections()) {
                p.fetch.addPeers(trackerSample(p), p.address);
            }
        });
        p.node.scheduleAtFixedRate(TICK_EVERY, TICK_EVERY, p.fetch::tick);
    }

    /** Up to {@link SwarmScenario#connections} present peers at random, as a tracker answers. */
    private List<Address> trackerSample(SimPeer asking) {
        List<SimPeer> pool = new ArrayList<>(present);
        pool.remove(asking);
        List<Address> chosen = new ArrayList<>();
        for (int i = 0; i < pool.size() && chosen.size() < scenario.connections(); i++) {
            int j = i + tracker.nextInt(pool.size() - i);
            SimPeer swap = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, swap);
            chosen.add(swap.address);
        }
        return chosen;
    }

    private void seedServed(int piece, int offset) {
        seedBlocksSent++;
        int block = piece * blocksPerPiece + offset / PeerLink.BLOCK_SIZE;
        if (!seedBlocksOut.get(block)) {
            seedBlocksOut.set(block);
            if (seedBlocksAtFullCopy < 0 && seedBlocksOut.cardinality() == totalBlocks()) {
                seedBlocksAtFullCopy = seedBlocksSent;
                seedFullCopyNanos = loop.nowNanos();
            }
        }
    }

    private int totalBlocks() {
        int last = manifest.pieceLength(availability.length - 1);
        return (availability.length - 1) * blocksPerPiece + (last + PeerLink.BLOCK_SIZE - 1) / PeerLink.BLOCK_SIZE;
    }

    private double seedUniqueShare() {
        long sent = seedBlocksAtFullCopy >= 0 ? seedBlocksAtFullCopy : seedBlocksSent;
        return sent == 0 ? 0 : seedBlocksOut.cardinality() / (double) sent;
    }

    private void sample(long intervalNanos) {
        double seconds = loop.nowNanos() / 1e9;
        if (!samples.isEmpty() && samples.get(samples.size() - 1).seconds() == seconds) {
            return;
        }
        int min = Integer.MAX_VALUE;
        long sum = 0;
        for (int a : availability) {
            min = Math.min(min, a);
            sum += a;
        }
        double leecherSent = 0;
        double leecherCapacity = 0;
        double seedSent = 0;
        double seedCapacity = 0;
        for (SimPeer p : present) {
            long sent = network.uplinkBytesSent(p.address);
            long delta = sent - p.uplinkMark;
            p.uplinkMark = sent;
            double capacity = p.uplink * (intervalNanos / 1e9);
            if (p.hasAll()) {
                seedSent += delta;
                seedCapacity += capacity;
            } else {
                leecherSent += delta;
                leecherCapacity += capacity;
            }
        }
        samples.add(new SwarmRun.Sample(seconds, present.size(), done, min, sum / (double) availability.length,
                leecherCapacity == 0 ? -1 : leecherSent / leecherCapacity, seedCapacity == 0 ? -1 : seedSent / seedCapacity));
    }

    private List<SwarmRun.Peer> results() {
        List<SwarmRun.Peer> out = new ArrayList<>();
        for (SimPeer p : peers) {
            out.add(new SwarmRun.Peer(p.index, p.initialSeed, p.uplink, seconds(p.arrivedNanos), seconds(p.firstPieceNanos),
                    seconds(p.doneNanos), network.uplinkBytesSent(p.address)));
        }
        return out;
    }

    private static double seconds(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e9;
    }

    private void dropped(DropReason reason) {
        drops.merge(reason, 1, Integer::sum);
    }

    /** The content's bytes do not matter here (nothing is hashed): every block is zeros. */
    private static void fill(long contentOffset, byte[] into, int at, int length) {
        Arrays.fill(into, at, at + length, (byte) 0);
    }

    /** One scratch buffer for every piece in flight: nothing reads what a simulated peer downloads. */
    private static PieceBuffers scratchBuffers(int pieceSize) {
        ByteBuffer scratch = ByteBuffer.allocate(pieceSize);
        return length -> new PieceBuffers.PieceBuffer() {
            @Override
            public ByteBuffer slice(int offset, int n) {
                return scratch.slice(offset, n);
            }

            @Override
            public void release() {
                // shared scratch: nothing to give back
            }
        };
    }
}
