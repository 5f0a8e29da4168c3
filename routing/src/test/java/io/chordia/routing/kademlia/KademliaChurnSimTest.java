package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Churn with message loss: every 15 s of virtual time a random node crashes and a crashed one comes
 * back with a new id and joins through a random live node (40% of the nodes replaced in 30 minutes),
 * while 5% of all datagrams are lost and lookups of both styles run every second. Lookups keep
 * finding the true closest live node (of those that finished joining), contacts that fail are marked stale and replaced from the
 * replacement caches, and the bucket invariants hold throughout. (Kademlia notices a dead contact
 * only when it next asks it, so some never-asked dead contacts remain: they are counted, not
 * required to be gone.)
 */
class KademliaChurnSimTest {
    private static final int N = 300;
    private static final Duration RUN = Duration.ofMinutes(30);
    private static final int CRASH_EVERY_SECONDS = 15;

    /** The live node closest to {@code target} among those that have finished joining. */
    private static Contact closestJoined(KademliaSimulation sim, NodeId target) {
        for (Contact c : sim.closestLive(target, 20)) {
            if (sim.nodeAt(c.address()).isJoined()) {
                return c;
            }
        }
        throw new AssertionError("none of the 20 nodes closest to " + target + " has joined");
    }

    @ParameterizedTest
    @ValueSource(longs = {31})
    void lookupsKeepSucceedingAndStaleContactsAreReplaced(long seed) {
        // Three sends per lookup request: with 5% loss each way, two lose the owner's answer about 1% of the time.
        KademliaConfig config = KademliaConfig.defaults().withLookupAttempts(3).withMaintenancePeriod(Duration.ofSeconds(30))
                .withBucketRefreshInterval(Duration.ofMinutes(10)).withLeafSetRefreshInterval(Duration.ofMinutes(2));
        KademliaSimulation sim = new KademliaSimulation(seed, LinkConditions.of(
                LatencyModel.uniform(Duration.ofMillis(10), Duration.ofMillis(80))).withLoss(0.05), config);
        for (int i = 0; i < N; i++) {
            sim.addNode();
        }
        sim.installConverged();
        RandomGenerator churn = sim.streams.stream("churn");
        RandomGenerator workload = sim.streams.stream("workload");
        List<Integer> down = new ArrayList<>();
        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        List<Boolean> exact = new ArrayList<>();
        int crashes = 0;
        for (int second = 1; second <= RUN.toSeconds(); second++) {
            if (second % CRASH_EVERY_SECONDS == 0) {
                List<Integer> up = sim.upIndices();
                int victim = up.get(churn.nextInt(up.size()));
                sim.crash(victim);
                down.add(victim);
                crashes++;
                if (down.size() > 3) {
                    int back = down.remove(0);
                    sim.restart(back);
                    List<Integer> alive = sim.upIndices();
                    alive.remove(Integer.valueOf(back));
                    Address via = sim.node(alive.get(churn.nextInt(alive.size()))).self().address();
                    sim.node(back).join(List.of(via));
                }
            }
            List<Integer> up = sim.upIndices();
            KademliaNode origin = sim.node(up.get(workload.nextInt(up.size())));
            if (origin.isJoined()) {
                CompletableFuture<LookupResult> f = origin.lookup(NodeId.random(workload),
                        lookups.size() % 2 == 0 ? LookupStyle.ITERATIVE : LookupStyle.RECURSIVE);
                int index = lookups.size();
                lookups.add(f);
                exact.add(null);
                // Graded when it ends, against the nodes live and joined at that moment.
                f.whenComplete((r, e) -> exact.set(index, e == null && r.succeeded()
                        && r.owner().equals(closestJoined(sim, r.target()))));
            }
            sim.runFor(Duration.ofSeconds(1));
            if (second % 300 == 0) {
                for (int i : sim.upIndices()) {
                    BucketInvariants.check(sim.node(i));
                }
            }
        }
        sim.runUntil(() -> lookups.stream().allMatch(CompletableFuture::isDone), Duration.ofMinutes(1), "lookups");

        int good = 0;
        int[] goodByStyle = new int[2];
        for (int i = 0; i < exact.size(); i++) {
            boolean ok = Boolean.TRUE.equals(exact.get(i));
            good += ok ? 1 : 0;
            goodByStyle[i % 2] += ok ? 1 : 0;
        }
        double iterative = (double) goodByStyle[0] / ((lookups.size() + 1) / 2);
        double recursive = (double) goodByStyle[1] / (lookups.size() / 2);
        long contacts = 0;
        long dead = 0;
        long deadBelievedLive = 0;
        long staleLeft = 0;
        long replaced = 0;
        for (int i : sim.upIndices()) {
            KademliaNode node = sim.node(i);
            BucketInvariants.check(node);
            for (Contact c : node.routingTable().contacts()) {
                contacts++;
                if (!sim.isLive(c)) {
                    dead++;
                    deadBelievedLive += node.routingTable().isStale(c.id()) ? 0 : 1;
                    staleLeft += node.routingTable().isStale(c.id()) ? 1 : 0;
                }
            }
            replaced += node.stats().staleReplaced() + node.stats().leastRecentEvicted() + node.stats().mismatchesEvicted();
        }
        System.out.printf("churn seed %d: %d crashes of %d nodes, %d lookups, %.2f%% found the true closest live node"
                        + " (iterative %.2f%%, recursive %.2f%%); tables: %d contacts, %.2f%% dead (%.2f%% not yet marked"
                        + " stale), %d dead contacts replaced%n",
                seed, crashes, N, lookups.size(), 100.0 * good / lookups.size(), 100 * iterative, 100 * recursive, contacts,
                100.0 * dead / contacts, 100.0 * deadBelievedLive / contacts, replaced);
        assertThat(iterative).as("iterative lookups that found the true closest live node").isGreaterThanOrEqualTo(0.99);
        assertThat(recursive).as("recursive lookups that found the true closest live node").isGreaterThanOrEqualTo(0.99);
        // 40% of the nodes were replaced: without replacement about that share of the contacts would be dead.
        assertThat((double) dead / contacts).isLessThan(0.12);
        // Contacts that failed were replaced rather than kept (stale ones stay only with no replacement).
        assertThat((double) staleLeft / contacts).isLessThan(0.005);
        assertThat(replaced).isGreaterThan(crashes);
    }
}
