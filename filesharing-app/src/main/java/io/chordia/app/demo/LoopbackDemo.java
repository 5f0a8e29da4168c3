package io.chordia.app.demo;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.core.util.Bytes;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.chord.SortedRing;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The demo's script: a bootstrap node and Chord peers with replicated storage on loopback UDP. They join one by one,
 * store values, read them back through other peers, look keys up in both styles; then some peers
 * are killed and the data is read again once the ring has repaired itself. Every answer is
 * checked against the global view.
 */
public final class LoopbackDemo {
    /** Makes one peer's transport and node scheduler, bound to a fresh loopback port. */
    public interface PeerFactory extends AutoCloseable {
        PeerSockets open();

        @Override
        void close();
    }

    public record PeerSockets(Transport transport, Scheduler scheduler) {}

    private record Peer(ChordNode node, ReplicatedStorage storage) {}

    private static final String[][] VALUES = {
        {"alice.txt", "Alice's notes"}, {"bob.mp3", "a song by Bob"}, {"chord-paper.pdf", "Stoica et al., 2001"},
        {"kademlia.pdf", "Maymounkov and Mazières, 2002"}, {"hello world", "hello, DHT"}, {"answer", "42"},
    };
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final RandomStreams streams;
    private final int peerCount;
    private final int killCount;

    public LoopbackDemo(PrintStream out, long seed, int peerCount, int killCount) {
        this.out = out;
        this.streams = new RandomStreams(seed);
        this.peerCount = peerCount;
        this.killCount = killCount;
    }

    /** Runs the demo; returns the number of wrong answers (0 when everything checked out). */
    public int run(PeerFactory factory) throws Exception {
        // Loopback answers in well under a millisecond: short timers make the demo quick.
        RpcConfig fast = RpcConfig.defaults().withTimeout(Duration.ofMillis(150)).withBackoffFactor(1.0);
        ChordConfig chord = ChordConfig.defaults().withStabilizeInterval(Duration.ofMillis(200))
                .withFixFingersInterval(Duration.ofMillis(100)).withMaintenanceRpc(fast.withMaxAttempts(3))
                .withLookupRpc(fast.withMaxAttempts(1));
        StorageConfig storage = StorageConfig.defaults().withRepairInterval(Duration.ofSeconds(1));
        RandomGenerator ids = streams.stream("ids");
        List<Peer> peers = new ArrayList<>();
        int wrong = 0;
        try {
            out.printf("A Chord network on 127.0.0.1: a bootstrap node and %d peers, each with its own UDP socket,"
                    + " all in this process.%nEach keeps %d successors; each value is stored on N = %d peers.%n%n",
                    peerCount - 1, chord.successorListLength(), storage.replicas());
            out.printf("Starting the bootstrap node, then peers joining through it%n");
            for (int i = 0; i < peerCount; i++) {
                PeerSockets s = factory.open();
                ChordNode node = new ChordNode(new Contact(NodeId.random(ids), s.transport().localAddress()),
                        s.transport(), s.scheduler(), streams.stream("peer", i), chord);
                ReplicatedStorage store = new ReplicatedStorage(node, new InMemoryRecordStore(), storage,
                        new ChordPlacement(node), streams.stream("storage", i), System::currentTimeMillis);
                List<Address> bootstrap = i == 0 ? List.of() : List.of(peers.get(0).node().self().address());
                await(node.join(bootstrap));
                store.start();
                peers.add(new Peer(node, store));
                out.printf("  %s %s %s%n", i == 0 ? "bootstrap" : String.format("peer %2d ", i), node.self(),
                        i == 0 ? "started the ring" : "joined through the bootstrap node");
            }
            out.printf("%nWaiting for the ring to stabilize...%n");
            awaitRing(peers);
            out.printf("  every peer's successor list is the next %d peers on the ring%n",
                    Math.min(chord.successorListLength(), peers.size() - 1));

            out.printf("%nStoring values (each on its key's successor and the next %d peers; a put needs %d acks)%n",
                    storage.replicas() - 1, storage.writeQuorum());
            RandomGenerator pick = streams.stream("picks");
            for (String[] kv : VALUES) {
                Peer writer = peers.get(pick.nextInt(peers.size()));
                DhtRecord record = DhtRecord.plain(NodeId.sha1Of(kv[0]), Bytes.ofUtf8(kv[1]), 1,
                        writer.node().self().id(), Duration.ofHours(1));
                PutResult put = await(writer.storage().put(record));
                wrong += put.status() == PutResult.Status.OK ? 0 : 1;
                out.printf("  put %-18s via %s: %s on %s%n", '"' + kv[0] + '"', writer.node().self().id().shortId(),
                        put.status(), put.acked().stream().map(c -> c.id().shortId()).toList());
            }

            out.printf("%nLooking up the keys from other peers (iterative and recursive), checked against the ring%n");
            wrong += lookups(peers, pick);
            out.printf("%nReading the values back through other peers (quorum of %d)%n", storage.readQuorum());
            wrong += reads(peers, pick);

            out.printf("%nKilling %d peers, record holders first, but never all %d replicas of a key"
                    + " (their sockets close; nobody is told)%n", killCount, storage.replicas());
            java.util.Map<NodeId, Integer> killedHolders = new java.util.HashMap<>();
            for (int i = 0; i < killCount && peers.size() > storage.replicas() + 1; i++) {
                Peer victim = peers.subList(1, peers.size()).stream()
                        .filter(p -> p.storage().store().all().stream().allMatch(
                                r -> killedHolders.getOrDefault(r.record().key(), 0) < storage.replicas() - 1))
                        .max(Comparator.comparingInt((Peer p) -> p.storage().store().size())).orElseThrow();
                victim.storage().store().all().forEach(r -> killedHolders.merge(r.record().key(), 1, Integer::sum));
                peers.remove(victim);
                victim.storage().stop();
                victim.node().stop();
                int held = victim.storage().store().size();
                out.printf("  killed %s (held %d record%s)%n", victim.node().self(), held, held == 1 ? "" : "s");
            }
            out.printf("%nWaiting for the ring and the replicas to repair (repair runs every %d s)...%n",
                    storage.repairInterval().toSeconds());
            awaitRing(peers);
            awaitReplicas(peers, storage.replicas());
            out.printf("%nLooking the keys up again, around the dead peers%n");
            wrong += lookups(peers, pick);
            out.printf("%nReading the values again: nothing was lost%n");
            wrong += reads(peers, pick);
            wrong += DemoFileSharing.run(out, List.of(peers.get(1).storage(), peers.get(2).storage()),
                    peers.get(peers.size() - 1).storage(), streams.masterSeed());

            long sent = 0;
            long received = 0;
            long repairs = 0;
            for (Peer p : peers) {
                sent += p.node().rpc().stats().callsStarted();
                received += p.node().rpc().stats().requestsServed();
                repairs += p.storage().stats().repairStores();
            }
            out.printf("%nTraffic of the surviving peers: %,d requests sent, %,d served, %d replicas restored by repair%n",
                    sent, received, repairs);
            out.println(wrong == 0 ? "Every answer was right." : wrong + " answers were wrong.");
            return wrong;
        } finally {
            for (Peer p : peers) {
                p.storage().stop();
                p.node().stop();
            }
        }
    }

    private int lookups(List<Peer> peers, RandomGenerator pick) throws Exception {
        List<Contact> ring = sortedRing(peers);
        int wrong = 0;
        for (int i = 0; i < VALUES.length; i++) {
            NodeId key = NodeId.sha1Of(VALUES[i][0]);
            LookupStyle style = i % 2 == 0 ? LookupStyle.ITERATIVE : LookupStyle.RECURSIVE;
            Peer origin = peers.get(pick.nextInt(peers.size()));
            long start = System.nanoTime();
            LookupResult r = await(origin.node().lookup(key, style));
            double ms = (System.nanoTime() - start) / 1e6;
            Contact truth = SortedRing.successorOf(ring, key);
            boolean right = r.succeeded() && r.owner().equals(truth);
            wrong += right ? 0 : 1;
            out.printf(Locale.ROOT, "  %-9s %-18s %s… from %s: owner %s, %d hops, %.1f ms %s%n", style,
                    '"' + VALUES[i][0] + '"', key.shortId(), origin.node().self().id().shortId(),
                    r.succeeded() ? r.owner().id().shortId() : "-", r.hops(), ms,
                    right ? "✓" : "✗ (owner is " + truth.id().shortId() + ")");
            if (style == LookupStyle.ITERATIVE && r.succeeded()) {
                List<String> route = new ArrayList<>();
                route.add(origin.node().self().id().shortId());
                r.path().forEach(c -> route.add(c.id().shortId()));
                if (!route.get(route.size() - 1).equals(r.owner().id().shortId())) {
                    route.add(r.owner().id().shortId());
                }
                out.printf("            route: %s%n", String.join(" -> ", route));
            }
        }
        return wrong;
    }

    private int reads(List<Peer> peers, RandomGenerator pick) throws Exception {
        int wrong = 0;
        for (String[] kv : VALUES) {
            Peer reader = peers.get(pick.nextInt(peers.size()));
            GetResult got = await(reader.storage().get(NodeId.sha1Of(kv[0])));
            boolean right = got.status() == GetResult.Status.FOUND && got.record().value().toUtf8().equals(kv[1]);
            wrong += right ? 0 : 1;
            out.printf("  get %-18s via %s: %s from %d replicas %s%n", '"' + kv[0] + '"',
                    reader.node().self().id().shortId(),
                    got.status() == GetResult.Status.FOUND ? '"' + got.record().value().toUtf8() + '"' : got.status(),
                    got.answered().size(), right ? "✓" : "✗");
        }
        return wrong;
    }

    /** Waits until every peer's successor list is the next r live peers. */
    private static void awaitRing(List<Peer> peers) throws Exception {
        List<Contact> ring = sortedRing(peers);
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ideal = true;
            for (int i = 0; i < ring.size() && ideal; i++) {
                Peer p = peerOf(peers, ring.get(i));
                int r = Math.min(p.node().config().successorListLength(), ring.size() - 1);
                List<Contact> expected = new ArrayList<>();
                for (int k = 1; k <= r; k++) {
                    expected.add(ring.get((i + k) % ring.size()));
                }
                ideal = await(p.node().successorList()).equals(expected);
            }
            if (ideal) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the ring did not stabilize within " + STEP_TIMEOUT);
    }

    /** Waits until every demo key is held by {@code replicas} live peers again. */
    private void awaitReplicas(List<Peer> peers, int replicas) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            int[] copies = new int[VALUES.length];
            for (int i = 0; i < VALUES.length; i++) {
                NodeId key = NodeId.sha1Of(VALUES[i][0]);
                for (Peer p : peers) {
                    // The store belongs to the node thread: read it there.
                    copies[i] += CompletableFuture.supplyAsync(() -> p.storage().store().get(key) != null,
                            p.node().rpc().scheduler()).get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) ? 1 : 0;
                }
            }
            if (java.util.Arrays.stream(copies).allMatch(c -> c >= replicas)) {
                out.printf("  every value is on %d live peers again%n", replicas);
                return;
            }
            if (System.nanoTime() > deadline) {
                out.printf("  copies per value after %d s: %s%n", STEP_TIMEOUT.toSeconds(), java.util.Arrays.toString(copies));
                return;
            }
            Thread.sleep(100);
        }
    }

    private static Peer peerOf(List<Peer> peers, Contact c) {
        return peers.stream().filter(p -> p.node().self().equals(c)).findFirst().orElseThrow();
    }

    private static List<Contact> sortedRing(List<Peer> peers) {
        List<Contact> ring = new ArrayList<>();
        peers.forEach(p -> ring.add(p.node().self()));
        ring.sort(Comparator.comparing(Contact::id));
        return ring;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
