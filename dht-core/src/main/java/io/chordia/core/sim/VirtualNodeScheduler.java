package io.chordia.core.sim;

import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Clock;
import io.chordia.core.time.Scheduler;
import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * One simulated node's view of the {@link VirtualScheduler}: its timers, its clock (which may be
 * skewed: offset and rate), and its incarnation. {@link #kill()} models a crash: every task
 * scheduled so far, periodic ones included, never runs.
 */
public final class VirtualNodeScheduler implements Scheduler {
    private final VirtualScheduler loop;
    private final String name;
    private final int index;
    private int incarnation;
    private long clockOffsetNanos;
    private double clockRate = 1.0;
    private final Clock clock = this::localNanos;

    VirtualNodeScheduler(VirtualScheduler loop, String name, int index) {
        this.loop = loop;
        this.name = name;
        this.index = index;
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    /** Discards every pending task of this node; later tasks run normally (a restart). */
    public void kill() {
        incarnation++;
    }

    boolean isIncarnation(int value) {
        return incarnation == value;
    }

    /**
     * Skews this node's clock: it reads {@code offset + rate · (virtual time)}. A rate of 1.0001
     * is a clock running 100 ppm fast; its timers fire correspondingly early in virtual time.
     */
    public void setClockSkew(Duration offset, double rate) {
        Checks.check(rate > 0.5 && rate < 2.0, "clock rate must be in (0.5, 2), was %s", rate);
        this.clockOffsetNanos = offset.toNanos();
        this.clockRate = rate;
    }

    private long localNanos() {
        long now = loop.nowNanos();
        return clockOffsetNanos + (clockRate == 1.0 ? now : (long) (now * clockRate));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Checks.nonNegative(delay, "delay");
        return loop.scheduleAt(loop.nowNanos() + toVirtualNanos(delay), task, this, incarnation);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        Checks.nonNegative(initialDelay, "initialDelay");
        Checks.positive(period, "period");
        FixedRateTask repeating = new FixedRateTask(task, toVirtualNanos(period));
        repeating.next = loop.scheduleAt(loop.nowNanos() + toVirtualNanos(initialDelay), repeating, this, incarnation);
        return repeating;
    }

    @Override
    public void execute(Runnable task) {
        loop.scheduleAt(loop.nowNanos(), task, this, incarnation);
    }

    /** The whole simulated world runs on the thread that drives the loop. */
    @Override
    public boolean inNodeThread() {
        return loop.isOwnerThread();
    }

    private long toVirtualNanos(Duration d) {
        long nanos = d.toNanos();
        return clockRate == 1.0 ? nanos : (long) (nanos / clockRate);
    }

    @Override
    public String toString() {
        return "VirtualNodeScheduler[" + name + "#" + incarnation + "]";
    }

    private final class FixedRateTask implements Runnable, Cancellable {
        private final Runnable task;
        private final long periodNanos;
        private Cancellable next;
        private boolean cancelled;
        private long dueNanos = -1;

        FixedRateTask(Runnable task, long periodNanos) {
            this.task = task;
            this.periodNanos = periodNanos;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            // Fixed rate: the next run is due one period after this one was due, not after it ran.
            dueNanos = dueNanos < 0 ? loop.nowNanos() : dueNanos;
            dueNanos += periodNanos;
            next = loop.scheduleAt(dueNanos, this, VirtualNodeScheduler.this, incarnation);
            task.run();
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (next != null) {
                next.cancel();
            }
        }
    }
}
