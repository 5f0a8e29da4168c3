package io.chordia.sim.world;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.util.List;
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

    /** A lookup from {@code origin}; both protocols' nodes do it themselves. */
    default CompletableFuture<LookupResult> lookup(Peer origin, NodeId key, LookupStyle style) {
        return origin.node().lookup(key, style);
    }

    /** Invariant violations of the live network's routing state now; single-threaded substrates only. */
    int invariantViolations(List<Peer> liveInIdOrder);

    /** True when {@code result} names {@code expected} as the responsible node. */
    default boolean isCorrect(LookupResult result, Peer expected) {
        if (!result.succeeded() || expected == null) {
            return false;
        }
        Contact owner = result.owner();
        return owner.id().equals(expected.node().self().id());
    }
}
