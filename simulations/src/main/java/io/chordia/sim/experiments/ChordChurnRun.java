package io.chordia.sim.experiments;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.NetworkListener;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.chord.SortedRing;
import io.chordia.sim.metrics.Samples;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * SIGCOMM'01 §6.5's workload on a converged Chord ring: joins and failures each a Poisson process
 * of rate R, lookups of random keys from random live nodes a Poisson process of rate one per
 * second, each lookup graded when it completes against the key's successor among the live nodes
 * then ("the current successor of the desired key"). The protocol is whatever {@code config} says,
 * so the paper's profile and ours run the same workload from the same seed.
 */
final class ChordChurnRun {
    /** Lookups still open this long after the end are failures (their origin is alive and got no answer). */
    private static final Duration DRAIN = Duration.ofMinutes(1);

    /**
     * What a run came to. {@code failed} = {@code unanswered} (the lookup gave up: a dead hop without
     * route-around, or no candidate left) + {@code wrongOwner} (it answered a node that is not the
     * key's live successor: a dead one not yet evicted, or the predecessor of a joiner not yet
     * stabilized into the ring). {@code abandoned}: lookups whose origin failed before they finished,
     * not graded; {@code messagesPerNodePerSecond}: every datagram sent, lookups included, per node.
     */
    record Result(long lookups, long failed, long unanswered, long wrongOwner, long abandoned, long joins, long failures,
                  double hopsMean, double latencyMsP50, double messagesPerNodePerSecond) {
        double failedFraction() {
            return lookups == 0 ? 0 : (double) failed / lookups;
        }
    }

    private final ChordWorld world;
    private final RandomGenerator churn;
    private final RandomGenerator lookups;
    private final double rate;
    private final Map<Long, ChordNode> pending = new LinkedHashMap<>();
    private final Samples hops = new Samples();
    private final Samples latencyMicros = new Samples();
    private long endNanos;
    private long started;
    private long graded;
    private long unanswered;
    private long wrongOwner;
    private long abandoned;
    private long joins;
    private long failures;
    private long messages;

    private ChordChurnRun(long seed, int n, double rate, LinkConditions link, ChordConfig config) {
        this.world = new ChordWorld(seed, n, link, config);
        this.churn = world.streams.stream("churn");
        this.lookups = world.streams.stream("lookups");
        this.rate = rate;
        world.network.addListener(new NetworkListener() {
            @Override
            public void onSent(Envelope envelope, Address from, int bytes) {
                messages++;
            }
        });
    }

    /** {@code n} nodes, joins and failures at {@code rate} per second each, for {@code duration}. */
    static Result run(long seed, int n, double rate, Duration duration, LinkConditions link, ChordConfig config) {
        return new ChordChurnRun(seed, n, rate, link, config).run(duration, n);
    }

    private Result run(Duration duration, int n) {
        long start = world.loop.nowNanos();
        endNanos = start + duration.toNanos();
        long messagesAtStart = messages;
        after(churn, rate, this::failOne);
        after(churn, rate, this::joinOne);
        after(lookups, 1, this::lookupOne);
        world.loop.runUntilTime(endNanos);
        double perNodeSecond = (double) (messages - messagesAtStart) / n / (duration.toNanos() / 1e9);
        world.loop.runUntil(pending::isEmpty, DRAIN);
        for (ChordNode origin : pending.values()) {
            if (world.live.containsKey(origin.self().id())) {
                graded++;
                unanswered++;
            } else {
                abandoned++;
            }
        }
        return new Result(graded, unanswered + wrongOwner, unanswered, wrongOwner, abandoned, joins, failures, hops.mean(),
                latencyMicros.percentile(50) / 1000.0, perNodeSecond);
    }

    /** Runs {@code event} after an exponential wait of mean 1/{@code perSecond}, then again, until the end. */
    private void after(RandomGenerator random, double perSecond, Runnable event) {
        long wait = (long) (-StrictMath.log(1 - random.nextDouble()) / perSecond * 1e9);
        if (world.loop.nowNanos() + wait >= endNanos) {
            return;
        }
        world.loop.schedule(Duration.ofNanos(wait), () -> {
            event.run();
            after(random, perSecond, event);
        });
    }

    private void failOne() {
        if (world.live.size() > 1) {
            world.crash(world.randomLive());
            failures++;
        }
    }

    private void joinOne() {
        world.join(world.randomLive()).thenAccept(node -> joins += node == null ? 0 : 1);
    }

    private void lookupOne() {
        ChordNode origin = world.live.values().stream().skip(lookups.nextInt(world.live.size())).findFirst().orElseThrow();
        NodeId key = NodeId.random(lookups);
        long id = started++;
        long at = world.loop.nowNanos();
        pending.put(id, origin);
        origin.lookup(key, LookupStyle.ITERATIVE).whenComplete((result, error) -> {
            if (pending.remove(id) == null) {
                return;
            }
            if (!world.live.containsKey(origin.self().id())) {
                abandoned++;
                return;
            }
            graded++;
            if (error != null || !result.succeeded()) {
                unanswered++;
            } else if (!result.owner().equals(SortedRing.successorOf(world.ring(), key))) {
                wrongOwner++;
            } else {
                hops.add(result.hops());
                latencyMicros.add((world.loop.nowNanos() - at) / 1000);
            }
        });
    }
}
