package io.chordia.sim.scenario;

import io.chordia.core.net.Address;
import io.chordia.sim.world.Membership;
import io.chordia.sim.world.Overlay;
import io.chordia.sim.world.Peer;
import io.chordia.sim.world.Substrate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One partition of a scenario ({@link PartitionSpec}): splits the live nodes at random, keeps
 * joiners on the side they joined through, heals, then measures how long the parts take to become
 * one again ({@link Overlay#parts}, checked every simulated second), and grades lookups by phase.
 * Runs on the control thread.
 */
final class PartitionEpisode {
    /** "After the heal" for the lookup figures: the first two minutes. */
    static final long AFTER_HEAL_NANOS = 120_000_000_000L;
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final PartitionSpec spec;
    private final Substrate substrate;
    private final Overlay overlay;
    private final Membership live;
    private final RandomGenerator random;
    private final Set<Address> sideA = new HashSet<>();
    private final Set<Address> sideB = new HashSet<>();
    private long splitAt = -1;
    private long healedAt = -1;
    private long endNanos;
    private Double mergeSeconds;
    private boolean splitInStep;
    private final Rate sameSide = new Rate();
    private final Rate crossSide = new Rate();
    private final Rate afterHeal = new Rate();

    /** Successes among some lookups. */
    static final class Rate {
        long lookups;
        long succeeded;

        void add(boolean ok) {
            lookups++;
            succeeded += ok ? 1 : 0;
        }

        Double value() {
            return lookups == 0 ? null : (double) succeeded / lookups;
        }
    }

    PartitionEpisode(PartitionSpec spec, Substrate substrate, Overlay overlay, Membership live, RandomGenerator random) {
        this.spec = spec;
        this.substrate = substrate;
        this.overlay = overlay;
        this.live = live;
        this.random = random;
    }

    /** Schedules the split and the heal relative to the run's {@code start}. */
    void schedule(long start, long end, Runnable atMidPartition) {
        endNanos = end;
        long at = start + spec.at().toNanos();
        substrate.at(at, this::split);
        substrate.at(at + spec.length().toNanos() / 2, atMidPartition);
        substrate.at(at + spec.length().toNanos(), this::heal);
    }

    private void split() {
        for (Peer p : live.inIdOrder()) {
            (random.nextDouble() < spec.fraction() ? sideA : sideB).add(p.node().self().address());
        }
        substrate.partition(sideA, sideB);
        splitAt = substrate.nowNanos();
        splitInStep = true;
    }

    private void heal() {
        substrate.heal();
        healedAt = substrate.nowNanos();
        checkMerged();
    }

    private void checkMerged() {
        if (overlay.parts(live, sideA::contains, sideB::contains) == 1) {
            mergeSeconds = (substrate.nowNanos() - healedAt) / 1e9;
        } else if (substrate.nowNanos() + CHECK_EVERY_NANOS < endNanos) {
            substrate.at(substrate.nowNanos() + CHECK_EVERY_NANOS, this::checkMerged);
        }
    }

    /** Whether the network was split at any time since the last call (the time series' column). */
    boolean splitInStep() {
        boolean was = splitInStep || isSplit();
        splitInStep = false;
        return was;
    }

    boolean isSplit() {
        return splitAt >= 0 && healedAt < 0;
    }

    /** A node joining through {@code via} belongs on its side while the network is split. */
    void placeJoiner(Address joiner, Address via) {
        if (isSplit()) {
            substrate.joinSideOf(joiner, via);
            (sideA.contains(via) ? sideA : sideB).add(joiner);
        }
    }

    boolean onSideA(Address a) {
        return sideA.contains(a);
    }

    /** The live nodes on one side, in id order. */
    List<Peer> side(boolean a) {
        List<Peer> out = new ArrayList<>();
        for (Peer p : live.inIdOrder()) {
            if ((a ? sideA : sideB).contains(p.node().self().address())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Grades a lookup by when it started: during the split (same side or not), or just after the heal. */
    void lookupFinished(long startedAt, Peer origin, Peer expected, boolean ok) {
        if (splitAt >= 0 && startedAt >= splitAt && (healedAt < 0 || startedAt < healedAt)) {
            if (expected == null) {
                return;
            }
            Address o = origin.node().self().address();
            Address e = expected.node().self().address();
            boolean same = (sideA.contains(o) && sideA.contains(e)) || (sideB.contains(o) && sideB.contains(e));
            (same ? sameSide : crossSide).add(ok);
        } else if (healedAt >= 0 && startedAt >= healedAt && startedAt < healedAt + AFTER_HEAL_NANOS) {
            afterHeal.add(ok);
        }
    }

    /** Seconds from the heal until the network was one again; null if it never was before the end. */
    Double mergeSeconds() {
        return mergeSeconds;
    }

    Double sameSideSuccess() {
        return sameSide.value();
    }

    Double crossSideSuccess() {
        return crossSide.value();
    }

    Double afterHealSuccess() {
        return afterHeal.value();
    }
}
