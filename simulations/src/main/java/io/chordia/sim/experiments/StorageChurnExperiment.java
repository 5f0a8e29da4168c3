package io.chordia.sim.experiments;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.CheckRecord;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.Message;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.message.RecordCheck;
import io.chordia.core.message.RecordReply;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.NetworkListener;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.transport.codec.KryoWireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Data under churn: nodes leave (crash) with exponential sessions of the given median and are
 * replaced by joining nodes; a quarter of the keys get a new version every 10 minutes. At the end
 * every key is read: lost keys and reads older than the latest acknowledged version are counted.
 *
 * <pre>simulations/run.sh StorageChurnExperiment [nodes] [keys] [hours] [medianSessionMinutes] [seed] [replicas]</pre>
 */
public final class StorageChurnExperiment {
    private StorageChurnExperiment() {}

    private record Peer(ChordNode node, ReplicatedStorage storage) {}

    /** What one run measured. */
    public record Result(int nodes, int keys, double hours, double medianMinutes, int replicas, long seed,
                         int departures, int acknowledged, int lost, int stale, long events,
                         double repairBytesPerNodePerSecond, double wallSeconds) {
        String line() {
            return String.format(Locale.ROOT, "| %.1f | %d | %,d | %,d | %d | %d | %.1f | %.0f |", medianMinutes, replicas,
                    departures, acknowledged, lost, stale, repairBytesPerNodePerSecond, wallSeconds);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        double hours = args.length > 2 ? Double.parseDouble(args[2]) : 6;
        double medianMinutes = args.length > 3 ? Double.parseDouble(args[3]) : 30;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        int replicas = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        Result r = run(n, keys, hours, medianMinutes, replicas, seed);
        System.out.printf(Locale.ROOT, "%,d nodes, %,d keys, %.1f simulated hours, median session %.0f min, r = %d, seed %d%n",
                n, keys, hours, medianMinutes, replicas, seed);
        System.out.printf(Locale.ROOT, "departures %,d; acknowledged keys %,d; lost %d; stale reads %d; %,d events; "
                        + "storage maintenance %.1f bytes/node/s; wall %.0f s%n",
                r.departures(), r.acknowledged(), r.lost(), r.stale(), r.events(), r.repairBytesPerNodePerSecond(),
                r.wallSeconds());
    }

    /**
     * One run. Storage maintenance traffic is every storage message (checks, stores, fetches and
     * their answers) sent outside the workload's own writes and final reads: repair, hand-off and
     * republishing, in encoded bytes.
     */
    public static Result run(int n, int keys, double hours, double medianMinutes, int replicas, long seed) {
        long wallStart = System.nanoTime();
        RandomStreams streams = new RandomStreams(seed);
        VirtualScheduler loop = new VirtualScheduler();
        SimNetwork network = new SimNetwork(loop, streams.stream("network"),
                LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60))));
        StorageTraffic traffic = new StorageTraffic();
        network.addListener(traffic);
        ChordConfig chord = ChordConfig.defaults().withFixFingersInterval(Duration.ofSeconds(5));
        StorageConfig storage = StorageConfig.defaults().withReplicas(replicas, Math.min(2, replicas), Math.min(2, replicas));
        RandomGenerator ids = streams.stream("ids");
        RandomGenerator workload = streams.stream("workload");
        Map<NodeId, Peer> live = new LinkedHashMap<>();
        int[] next = {0};
        java.util.function.Supplier<Peer> newPeer = () -> {
            int i = next[0]++;
            Address address = new Address("10." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF), 4000);
            SimEndpoint e = network.attach(address);
            ChordNode node = new ChordNode(new Contact(NodeId.random(ids), address), e.transport(), e.scheduler(),
                    streams.stream("node", i), chord);
            return new Peer(node, new ReplicatedStorage(node, new InMemoryRecordStore(), storage,
                    new ChordPlacement(node), streams.stream("storage", i)));
        };
        List<Peer> first = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Peer p = newPeer.get();
            first.add(p);
            live.put(p.node().self().id(), p);
        }
        List<Contact> ring = new ArrayList<>();
        first.forEach(p -> ring.add(p.node().self()));
        ring.sort(Comparator.comparing(Contact::id));
        first.forEach(p -> {
            p.node().installConvergedState(ring, true);
            p.storage().start();
        });

        List<NodeId> keyIds = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            keyIds.add(NodeId.sha1Of("key " + k));
        }
        Map<NodeId, Long> acknowledged = new HashMap<>();
        traffic.counting = false;
        write(loop, live, workload, keyIds, acknowledged, 1);
        traffic.counting = true;
        long countedFrom = loop.nowNanos();
        long end = loop.nowNanos() + (long) (hours * 3600e9);
        double meanSessionSeconds = medianMinutes * 60 / StrictMath.log(2);
        long nextWrite = loop.nowNanos() + Duration.ofMinutes(10).toNanos();
        long version = 2;
        int departures = 0;
        long workloadNanos = 0;
        while (loop.nowNanos() < end) {
            double gap = -StrictMath.log(1 - workload.nextDouble()) * meanSessionSeconds / live.size();
            loop.advance(Duration.ofNanos((long) (gap * 1e9)));
            Peer victim = randomLive(live, workload);
            live.remove(victim.node().self().id());
            network.endpoint(victim.node().self().address()).crash();
            departures++;
            Peer joiner = newPeer.get();
            CompletableFuture<Void> joined = joiner.node().join(List.of(randomLive(live, workload).node().self().address()));
            loop.runUntil(joined::isDone, Duration.ofMinutes(1));
            if (joined.isDone() && !joined.isCompletedExceptionally()) {
                joiner.storage().start();
                live.put(joiner.node().self().id(), joiner);
            }
            if (loop.nowNanos() >= nextWrite) {
                long writeStart = loop.nowNanos();
                traffic.counting = false;
                write(loop, live, workload, keyIds.subList(0, keys / 4), acknowledged, version++);
                traffic.counting = true;
                workloadNanos += loop.nowNanos() - writeStart;
                nextWrite += Duration.ofMinutes(10).toNanos();
            }
        }
        double countedSeconds = (loop.nowNanos() - countedFrom - workloadNanos) / 1e9;
        traffic.counting = false;
        loop.advance(Duration.ofMinutes(1));
        List<CompletableFuture<GetResult>> gets = new ArrayList<>();
        for (NodeId key : keyIds) {
            gets.add(randomLive(live, workload).storage().get(key));
        }
        loop.runUntil(() -> gets.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(10));
        int lost = 0;
        int stale = 0;
        for (int k = 0; k < keys; k++) {
            Long expected = acknowledged.get(keyIds.get(k));
            if (expected == null) {
                continue;
            }
            GetResult r = gets.get(k).isDone() ? gets.get(k).join() : null;
            if (r == null || r.status() != GetResult.Status.FOUND) {
                lost++;
            } else if (r.record().version() < expected) {
                stale++;
            }
        }
        return new Result(n, keys, hours, medianMinutes, replicas, seed, departures, acknowledged.size(), lost, stale,
                loop.executedEvents(), traffic.bytes / (double) n / countedSeconds, (System.nanoTime() - wallStart) / 1e9);
    }

    /** Encoded bytes of storage messages while {@link #counting}; an Ack counts when it answers a StoreRecord. */
    static final class StorageTraffic implements NetworkListener {
        private final KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_FRAME_BYTES);
        private final java.util.Set<Long> storeTxIds = new java.util.HashSet<>();
        boolean counting;
        long bytes;

        @Override
        public void onSent(Envelope envelope, Address from, int ignored) {
            Message body = envelope.body();
            boolean storage = body instanceof CheckRecord || body instanceof RecordCheck || body instanceof FetchRecord
                    || body instanceof RecordReply || body instanceof StoreRecord || body instanceof CompareRange
                    || body instanceof RangeDigests;
            if (body instanceof StoreRecord) {
                storeTxIds.add(envelope.txId());
            } else if (body instanceof Ack || body instanceof ErrorReply) {
                storage = storeTxIds.remove(envelope.txId());
            }
            if (storage && counting) {
                bytes += codec.encodedSize(envelope);
            }
        }
    }

    private static Peer randomLive(Map<NodeId, Peer> live, RandomGenerator random) {
        List<Peer> peers = new ArrayList<>(live.values());
        return peers.get(random.nextInt(peers.size()));
    }

    private static void write(VirtualScheduler loop, Map<NodeId, Peer> live, RandomGenerator random, List<NodeId> keys,
                              Map<NodeId, Long> acknowledged, long version) {
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (NodeId key : keys) {
            puts.add(randomLive(live, random).storage().put(DhtRecord.plain(key, Bytes.ofUtf8("v" + version), version,
                    NodeId.ZERO, Duration.ofDays(1))));
        }
        loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(10));
        for (int i = 0; i < keys.size(); i++) {
            CompletableFuture<PutResult> f = puts.get(i);
            if (f.isDone() && !f.isCompletedExceptionally() && f.join().status() == PutResult.Status.OK) {
                acknowledged.put(keys.get(i), version);
            }
        }
    }
}
