package io.chordia.sim.world;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.core.net.Address;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** The protocol-specific part of a scenario: how to build, converge, check and look up. */
public interface Overlay {
    /** A node on {@code host} with {@code id}, not yet joined; with storage when {@code storage} is true. */
    Peer create(Host host, NodeId id, RandomGenerator random, RandomGenerator storageRandom, boolean storage);

    /**
     * Installs in each of {@code peers} (sorted by id) the state a long-quiet network converges to.
     * Runs on each peer's node thread; the futures complete there.
     */
    List<CompletableFuture<Void>> installConverged(List<Peer> peers, RandomGenerator random);

    /** The node the oracle says is responsible for {@code key}. */
    Peer responsible(Membership live, NodeId key);

    /**
     * A lookup from {@code origin}, graded on its owner, so it ends once the owner is confirmed
     * ({@link io.chordia.routing.OverlayNode#lookupOwner}); both protocols' nodes do it themselves.
     */
    default CompletableFuture<LookupResult> lookup(Peer origin, NodeId key, LookupStyle style) {
        return origin.node().lookupOwner(key, style);
    }

    /** Invariant violations of the live network's routing state now; single-threaded substrates only. */
    int invariantViolations(List<Peer> liveInIdOrder);

    /**
     * How many parts the live network is in, for the merge after a partition: Chord counts rings
     * (cycles of best successors), and a single cycle in which some node's successor is not the
     * next live node as 2: merging is not done; Kademlia counts 2 while some node that was on one side does not
     * know its XOR-nearest live neighbour on the other side, else 1. Nodes on neither side (they joined after the
     * heal) count only for Chord. Single-threaded substrates only.
     */
    int parts(Membership live, Predicate<Address> onSideA, Predicate<Address> onSideB);

    /** Kademlia's k, the most contacts a bucket holds; null for overlays without buckets. */
    default Integer bucketSize() {
        return null;
    }

    /** True for overlays whose nodes form a ring, checked by {@link #rings} and {@link #invariantViolations}. */
    default boolean hasRing() {
        return false;
    }

    /** Chord: the rings the live nodes form (cycles of best successors); null for overlays without a ring. */
    default Integer rings(List<Peer> liveInIdOrder) {
        return null;
    }

    /** True when {@code result} names {@code expected} as the responsible node. */
    default boolean isCorrect(LookupResult result, Peer expected) {
        if (!result.succeeded() || expected == null) {
            return false;
        }
        Contact owner = result.owner();
        return owner.id().equals(expected.node().self().id());
    }
}
