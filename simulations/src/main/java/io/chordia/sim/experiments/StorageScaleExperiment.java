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
import io.chordia.core.store.StoredRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * How storage maintenance scales with the records a node holds (issue 15, item 4), on a Chord ring:
 * <ol>
 *   <li>repair traffic between up-to-date replicas (every storage message: range comparisons, record
 *       checks, stores; the placement audit's lookups, one per key region a minute, are counted
 *       apart), in encoded bytes per node per second, with
 *       1,000, 10,000 and 100,000 records per node (six nodes, r = 3: each node shares its records
 *       with four replica neighbours, as on a large ring; every replica preloaded with the same records);</li>
 *   <li>the lookups one origin's republish of many records takes, against one per record key by key.</li>
 * </ol>
 *
 * <pre>simulations/run.sh StorageScaleExperiment [repair|republish] [records...]</pre>
 */
public final class StorageScaleExperiment {
    private static final Duration TTL = Duration.ofHours(1);

    private StorageScaleExperiment() {}

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "repair";
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (what.equals("republish")) {
            for (int records : sizes.isEmpty() ? List.of(100_000) : sizes) {
                republish(200, records);
            }
        } else {
            System.out.println("| records per node | repair bytes/node/s, up-to-date replicas | range exchanges/node/round "
                    + "| records checked | placement-audit lookups/node/min |");
            System.out.println("|---|---|---|---|---|");
            for (int records : sizes.isEmpty() ? List.of(1_000, 10_000, 100_000) : sizes) {
                repair(6, records);
            }
        }
    }

    private record World(VirtualScheduler loop, SimNetwork network, List<ChordNode> nodes, List<ReplicatedStorage> stores,
                         StorageChurnExperiment.StorageTraffic traffic) {}

    private static World world(int n, StorageConfig config, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        VirtualScheduler loop = new VirtualScheduler();
        SimNetwork network = new SimNetwork(loop, streams.stream("network"),
                LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60))));
        StorageChurnExperiment.StorageTraffic traffic = new StorageChurnExperiment.StorageTraffic();
        network.addListener(traffic);
        List<ChordNode> nodes = new ArrayList<>();
        List<ReplicatedStorage> stores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Address address = new Address("10.0." + (i >>> 8) + "." + (i & 0xFF), 4000);
            SimEndpoint e = network.attach(address);
            ChordNode node = new ChordNode(new Contact(NodeId.random(streams.stream("ids", i)), address), e.transport(),
                    e.scheduler(), streams.stream("node", i), ChordConfig.defaults());
            nodes.add(node);
            stores.add(new ReplicatedStorage(node, new InMemoryRecordStore(), config, new ChordPlacement(node),
                    streams.stream("storage", i)));
        }
        List<Contact> ring = new ArrayList<>(nodes.stream().map(ChordNode::self).toList());
        ring.sort(Comparator.comparing(Contact::id));
        nodes.forEach(node -> node.installConvergedState(ring, true));
        return new World(loop, network, nodes, stores, traffic);
    }

    /** Every replica holds exactly the records it should; then a minute of repair rounds is counted. */
    private static void repair(int n, int recordsPerNode) {
        StorageConfig config = StorageConfig.defaults();
        World w = world(n, config, 15);
        List<Contact> ring = new ArrayList<>(w.nodes().stream().map(ChordNode::self).toList());
        ring.sort(Comparator.comparing(Contact::id));
        int keys = recordsPerNode * n / config.replicas();
        long expires = w.loop().nowNanos() + TTL.toNanos();
        for (int k = 0; k < keys; k++) {
            DhtRecord record = DhtRecord.plain(NodeId.sha1Of("key " + k), Bytes.ofUtf8("v" + k), 1, NodeId.ZERO, TTL);
            int owner = successor(ring, record.key());
            for (int r = 0; r < config.replicas(); r++) {
                NodeId id = ring.get((owner + r) % n).id();
                for (int i = 0; i < n; i++) {
                    if (w.nodes().get(i).self().id().equals(id)) {
                        w.stores().get(i).store().put(new StoredRecord(record, expires));
                    }
                }
            }
        }
        w.stores().forEach(ReplicatedStorage::start);
        w.loop().advance(Duration.ofSeconds(15));
        long checks = w.stores().stream().mapToLong(s -> s.stats().recordChecks()).sum();
        long compares = w.stores().stream().mapToLong(s -> s.stats().rangeCompares()).sum();
        long audits = w.stores().stream().mapToLong(s -> s.stats().auditLookups()).sum();
        w.traffic().bytes = 0;
        w.traffic().counting = true;
        Duration counted = Duration.ofSeconds(60);
        w.loop().advance(counted);
        w.traffic().counting = false;
        double rounds = counted.toSeconds() / (double) config.repairInterval().toSeconds();
        long held = w.stores().stream().mapToLong(s -> s.store().size()).sum() / n;
        System.out.printf(Locale.ROOT, "| %,d | %.1f | %.1f | %d | %.1f |%n", held, w.traffic().bytes / (double) n / counted.toSeconds(),
                (w.stores().stream().mapToLong(s -> s.stats().rangeCompares()).sum() - compares) / (double) n / rounds,
                w.stores().stream().mapToLong(s -> s.stats().recordChecks()).sum() - checks,
                (w.stores().stream().mapToLong(s -> s.stats().auditLookups()).sum() - audits) / (double) n
                        / (counted.toSeconds() / 60.0));
    }

    private static int successor(List<Contact> ring, NodeId key) {
        for (int i = 0; i < ring.size(); i++) {
            if (ring.get(i).id().compareTo(key) >= 0) {
                return i;
            }
        }
        return 0;
    }

    /** One origin publishes {@code records}; its next republish is counted in lookups. */
    private static void republish(int n, int records) {
        StorageConfig config = StorageConfig.builder().republishInterval(Duration.ofMinutes(5)).build();
        World w = world(n, config, 16);
        ReplicatedStorage origin = w.stores().get(0);
        for (int from = 0; from < records; from += 2_000) {
            List<CompletableFuture<PutResult>> puts = new ArrayList<>();
            for (int k = from; k < Math.min(records, from + 2_000); k++) {
                puts.add(origin.put(DhtRecord.plain(NodeId.sha1Of("published " + k), Bytes.ofUtf8("v"), 1, NodeId.ZERO, TTL)));
            }
            w.loop().runUntil(() -> puts.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(10));
        }
        long before = origin.stats().republishLookups();
        long putsOk = origin.stats().putsOk();
        origin.start();
        w.loop().advance(Duration.ofMinutes(5).plusSeconds(90));
        long lookups = origin.stats().republishLookups() - before;
        System.out.printf(Locale.ROOT, "%d-node Chord ring, one origin with %,d published records (%,d acknowledged): "
                        + "republish took %,d lookups; key by key takes %,d (%.0fx fewer)%n",
                n, records, putsOk, lookups, putsOk, putsOk / (double) Math.max(1, lookups));
    }
}
