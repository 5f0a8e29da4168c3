package io.chordia.app.share.directory;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.testing.SimHarness;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A converged simulated Chord ring with replicated storage and a wall clock that runs with virtual time. */
final class DirectorySim {
    static final long WALL_ORIGIN = 1_800_000_000_000L;

    final SimHarness sim;
    final List<ReplicatedStorage> storages = new ArrayList<>();

    DirectorySim(long seed, int nodes) {
        sim = new SimHarness(seed, LinkConditions.ideal(Duration.ofMillis(10)));
        List<ChordNode> chord = new ArrayList<>();
        List<Contact> ring = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Contact self = new Contact(NodeId.sha1Of("node " + i), TestIds.address(i));
            SimEndpoint endpoint = sim.network.attach(self.address());
            ChordNode node = new ChordNode(self, endpoint.transport(), endpoint.scheduler(), sim.streams.stream("node", i),
                    ChordConfig.defaults());
            chord.add(node);
            storages.add(new ReplicatedStorage(node, new InMemoryRecordStore(), StorageConfig.defaults(),
                    new ChordPlacement(node), sim.streams.stream("storage", i), this::wallMillis));
            ring.add(self);
        }
        ring.sort(Comparator.comparing(Contact::id));
        for (int i = 0; i < nodes; i++) {
            chord.get(i).installConvergedState(ring, true);
            storages.get(i).start();
        }
    }

    long wallMillis() {
        return WALL_ORIGIN + sim.loop.nowNanos() / 1_000_000;
    }

    long nowSeconds() {
        return wallMillis() / 1000;
    }

    RecordSigner key(String name) {
        return RecordSigner.generate(sim.streams.stream("key " + name));
    }

    /** A directory on node {@code node} that signs with {@code key}, as a peer running there would. */
    DhtPeerDirectory directory(int node, RecordSigner key) {
        return new DhtPeerDirectory(storages.get(node), key, this::wallMillis);
    }

    <T> T run(CompletableFuture<T> f) {
        sim.runUntil(f::isDone, Duration.ofMinutes(1), "directory call");
        return f.join();
    }
}
