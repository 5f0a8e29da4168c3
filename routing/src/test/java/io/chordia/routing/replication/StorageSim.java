package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Chord nodes with storage on the simulated network, from one seed. */
final class StorageSim {
    record Peer(ChordNode node, ReplicatedStorage storage) {}

    /** The simulated wall clock starts here (epoch milliseconds) and runs with virtual time. */
    static final long WALL_ORIGIN_MILLIS = 1_800_000_000_000L;

    final VirtualScheduler loop = new VirtualScheduler();
    final RandomStreams streams;
    final SimNetwork network;
    final RandomGenerator ids;
    final RandomGenerator workload;
    final ChordConfig chordConfig;
    final StorageConfig storageConfig;
    final Map<NodeId, Peer> live = new LinkedHashMap<>();
    /** How each new peer's storage places replicas and recognises its replica neighbours. */
    Function<ChordNode, ReplicaPlacement> placement = ChordPlacement::new;
    private int next;

    StorageSim(long seed, LinkConditions link, ChordConfig chordConfig, StorageConfig storageConfig) {
        streams = new RandomStreams(seed);
        network = new SimNetwork(loop, streams.stream("network"), link);
        ids = streams.stream("ids");
        workload = streams.stream("workload");
        this.chordConfig = chordConfig;
        this.storageConfig = storageConfig;
    }

    Peer newPeer() {
        ChordNode node = newNode();
        int n = next - 1;
        ReplicatedStorage storage = new ReplicatedStorage(node, new InMemoryRecordStore(), storageConfig,
                placement.apply(node), streams.stream("storage", n), this::wallMillis);
        return new Peer(node, storage);
    }

    long wallMillis() {
        return WALL_ORIGIN_MILLIS + loop.nowNanos() / 1_000_000;
    }

    /** A Chord node without storage, as a bootstrap node is: record requests are UNSUPPORTED there. */
    ChordNode newNode() {
        int n = next++;
        Address address = new Address("10." + (n >>> 16 & 0xFF) + "." + (n >>> 8 & 0xFF) + "." + (n & 0xFF), 4000);
        SimEndpoint endpoint = network.attach(address);
        return new ChordNode(new Contact(NodeId.random(ids), address), endpoint.transport(), endpoint.scheduler(),
                streams.stream("node", n), chordConfig);
    }

    List<Peer> convergedRing(int n) {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Peer p = newPeer();
            peers.add(p);
            live.put(p.node().self().id(), p);
        }
        List<Contact> ring = new ArrayList<>();
        peers.forEach(p -> ring.add(p.node().self()));
        ring.sort(Comparator.comparing(Contact::id));
        for (Peer p : peers) {
            p.node().installConvergedState(ring, true);
            p.storage().start();
        }
        return peers;
    }

    Peer randomLive() {
        List<Peer> peers = new ArrayList<>(live.values());
        return peers.get(workload.nextInt(peers.size()));
    }

    Peer join() {
        Peer via = randomLive();
        Peer p = newPeer();
        CompletableFuture<Void> joined = p.node().join(List.of(via.node().self().address()));
        await(joined, "join");
        joined.join();
        p.storage().start();
        live.put(p.node().self().id(), p);
        return p;
    }

    void crash(Peer p) {
        live.remove(p.node().self().id());
        network.endpoint(p.node().self().address()).crash();
    }

    <T> T await(CompletableFuture<T> f, String what) {
        if (!loop.runUntil(f::isDone, Duration.ofMinutes(5))) {
            throw new AssertionError(what + " did not finish (seed " + streams.masterSeed() + ")");
        }
        return f.join();
    }
}
