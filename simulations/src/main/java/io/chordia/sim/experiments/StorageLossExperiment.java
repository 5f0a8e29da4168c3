package io.chordia.sim.experiments;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.SortedRing;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Data loss after a fraction p of the nodes fail at once, for replication factors r = 1..6:
 * Chord successor-list replication should lose about p^r of the keys, and every key with a live
 * replica must be readable after repair. Also prints repair traffic per node per second.
 *
 * <pre>simulations/run.sh StorageLossExperiment [nodes] [keys] [p] [seed]</pre>
 */
public final class StorageLossExperiment {
    private StorageLossExperiment() {}

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        double p = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.out.printf(Locale.ROOT, "Keys lost after %.0f%% of %,d nodes fail at once (%,d keys, Chord, 2 min of repair)%n",
                p * 100, nodes, keys);
        System.out.println("| r | lost     | p^r      | readable with a live replica | repair bytes/node/s | wall s |");
        System.out.println("|---|---------:|---------:|-----------------------------:|--------------------:|-------:|");
        for (int r = 1; r <= 6; r++) {
            long start = System.nanoTime();
            Row row = run(nodes, keys, p, r, seed);
            System.out.printf(Locale.ROOT, "| %d | %7.4f%% | %7.4f%% | %,d of %,d | %,.1f | %.0f |%n", r, 100.0 * row.lost / keys,
                    100 * Math.pow(p, r), row.readableWithLiveReplica, row.withLiveReplica, row.repairBytesPerNodeSecond,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    record Row(int lost, int withLiveReplica, int readableWithLiveReplica, double repairBytesPerNodeSecond) {}

    static Row run(int n, int keys, double p, int r, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        VirtualScheduler loop = new VirtualScheduler();
        SimNetwork network = new SimNetwork(loop, streams.stream("network"),
                LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60))));
        network.useCodec(new io.chordia.transport.codec.KryoWireCodec(io.chordia.transport.codec.KryoWireCodec.MAX_DATAGRAM_BYTES));
        ChordConfig chord = ChordConfig.defaults().withSuccessorListLength(Math.max(16, r + 1))
                .withFixFingersInterval(Duration.ofSeconds(5));
        StorageConfig storage = StorageConfig.defaults().withReplicas(r, Math.min(2, r), Math.min(2, r));
        RandomGenerator ids = streams.stream("ids");
        List<ChordNode> nodes = new ArrayList<>();
        List<ReplicatedStorage> stores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Address address = new Address("10." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF), 4000);
            SimEndpoint e = network.attach(address);
            ChordNode node = new ChordNode(new Contact(NodeId.random(ids), address), e.transport(), e.scheduler(),
                    streams.stream("node", i), chord);
            nodes.add(node);
            stores.add(new ReplicatedStorage(node, new InMemoryRecordStore(), storage, new ChordPlacement(node),
                    streams.stream("storage", i)));
        }
        List<Contact> ring = new ArrayList<>();
        nodes.forEach(x -> ring.add(x.self()));
        ring.sort(Comparator.comparing(Contact::id));
        nodes.forEach(x -> x.installConvergedState(ring, true));
        stores.forEach(ReplicatedStorage::start);

        RandomGenerator workload = streams.stream("workload");
        List<NodeId> keyIds = new ArrayList<>();
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            DhtRecord record = DhtRecord.immutable(Bytes.ofUtf8("value " + k), Duration.ofHours(6));
            keyIds.add(record.key());
            puts.add(stores.get(workload.nextInt(n)).put(record));
        }
        loop.runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(10));

        RandomGenerator failures = streams.stream("failures");
        boolean[] dead = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (failures.nextDouble() < p) {
                dead[i] = true;
                network.endpoint(nodes.get(i).self().address()).crash();
            }
        }
        // Which keys still have a live replica: the r successors of the key in the old ring.
        java.util.Set<NodeId> deadIds = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (dead[i]) {
                deadIds.add(nodes.get(i).self().id());
            }
        }
        long bytesBefore = network.stats().sentBytes();
        long startNanos = loop.nowNanos();
        loop.advance(Duration.ofMinutes(2));
        double maintenanceBytesPerNodeSecond = (network.stats().sentBytes() - bytesBefore)
                / ((loop.nowNanos() - startNanos) / 1e9) / (n - deadIds.size());
        // (all traffic of the live nodes in those 2 minutes: ring maintenance and repair)

        List<Integer> liveIdx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!dead[i]) {
                liveIdx.add(i);
            }
        }
        List<CompletableFuture<GetResult>> gets = new ArrayList<>();
        for (NodeId key : keyIds) {
            gets.add(stores.get(liveIdx.get(workload.nextInt(liveIdx.size()))).get(key));
        }
        loop.runUntil(() -> gets.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(10));
        int lost = 0;
        int withLive = 0;
        int readableWithLive = 0;
        for (int k = 0; k < keys; k++) {
            boolean found = gets.get(k).isDone() && gets.get(k).join().status() == GetResult.Status.FOUND;
            lost += found ? 0 : 1;
            int idx = SortedRing.successorIndex(ring, keyIds.get(k));
            boolean live = false;
            for (int j = 0; j < r; j++) {
                live |= !deadIds.contains(ring.get((idx + j) % ring.size()).id());
            }
            if (live) {
                withLive++;
                readableWithLive += found ? 1 : 0;
            }
        }
        return new Row(lost, withLive, readableWithLive, maintenanceBytesPerNodeSecond);
    }
}
