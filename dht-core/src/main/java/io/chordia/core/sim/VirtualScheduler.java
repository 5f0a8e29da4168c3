package io.chordia.core.sim;

import io.chordia.core.time.Cancellable;
import io.chordia.core.util.Checks;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The simulated world's single event loop: virtual time advancing from event to event, events
 * ordered by (due time, sequence number) so that equal-time events run in the order they were
 * scheduled and a run is identical for the same seed. Not thread-safe: the whole world runs on
 * the thread that drives it.
 *
 * <p>Each simulated node sees the loop through its own {@link VirtualNodeScheduler}, which tags
 * its events so that a crash discards them.
 */
public final class VirtualScheduler {
    private final EventQueue queue = new EventQueue();
    private final Thread owner = Thread.currentThread();
    private long nowNanos;
    private long sequence;
    private long executed;
    private int nodeCount;

    /** Current virtual time in nanoseconds since the start of the run. */
    public long nowNanos() {
        return nowNanos;
    }

    public Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /** Events run so far. */
    public long executedEvents() {
        return executed;
    }

    public int pendingEvents() {
        return queue.size();
    }

    /** Creates the scheduler of a new simulated node, driven by this loop. */
    public VirtualNodeScheduler newNodeScheduler(String name) {
        return new VirtualNodeScheduler(this, name, nodeCount++);
    }

    /** Runs {@code task} after {@code delay} of virtual time, outside any node. */
    public Cancellable schedule(Duration delay, Runnable task) {
        Checks.nonNegative(delay, "delay");
        return scheduleAt(saturatedAdd(nowNanos, delay.toNanos()), task, null, 0);
    }

    Timer scheduleAt(long dueNanos, Runnable task, VirtualNodeScheduler node, int incarnation) {
        Timer timer = new Timer(this, dueNanos, task, node, incarnation);
        enqueue(timer);
        return timer;
    }

    /** Queues {@code e}, giving it the next sequence number; a due time in the past means now. */
    Event enqueue(Event e) {
        e.dueNanos = Math.max(e.dueNanos, nowNanos);
        e.seq = sequence++;
        queue.add(e);
        return e;
    }

    boolean isOwnerThread() {
        return Thread.currentThread() == owner;
    }

    /** Runs the next live event, if any; returns false when the queue is empty. */
    public boolean runNext() {
        return runNextDueBy(Long.MAX_VALUE);
    }

    /**
     * Runs the next live event due at or before {@code deadlineNanos}; dead events (cancelled, or
     * of a crashed incarnation) on the way are discarded. Never runs an event past the deadline,
     * even when dead events due before it are skipped first.
     */
    private boolean runNextDueBy(long deadlineNanos) {
        while (!queue.isEmpty() && queue.headDue() <= deadlineNanos) {
            Event e = queue.poll();
            if (e.isLive()) {
                nowNanos = e.dueNanos;
                queue.advanceTo(nowNanos);
                executed++;
                e.fire();
                return true;
            }
        }
        return false;
    }

    /** Runs every event due at or before {@code deadlineNanos}, then sets the time to it. */
    public void runUntilTime(long deadlineNanos) {
        while (runNextDueBy(deadlineNanos)) {
            // each call runs one event
        }
        nowNanos = Math.max(nowNanos, deadlineNanos);
    }

    /** Advances virtual time by {@code duration}, running every event due on the way. */
    public void advance(Duration duration) {
        Checks.nonNegative(duration, "duration");
        runUntilTime(saturatedAdd(nowNanos, duration.toNanos()));
    }

    /**
     * Runs events until {@code condition} holds, checked after every event, or until
     * {@code maxTime} of virtual time has passed. Returns whether the condition held.
     */
    public boolean runUntil(BooleanSupplier condition, Duration maxTime) {
        long deadline = saturatedAdd(nowNanos, maxTime.toNanos());
        while (!condition.getAsBoolean()) {
            if (!runNextDueBy(deadline)) {
                nowNanos = Math.max(nowNanos, deadline);
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /**
     * Runs until no events are left. Periodic tasks never let a world go idle, so this stops with
     * an {@link IllegalStateException} after {@code maxEvents}.
     */
    public long runUntilIdle(long maxEvents) {
        long start = executed;
        while (runNext()) {
            if (executed - start >= maxEvents) {
                throw new IllegalStateException("not idle after " + maxEvents + " events at " + now());
            }
        }
        return executed - start;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /**
     * A queued event, as small as it can be: a simulation allocates one per datagram and timer,
     * and their bytes are what streams through the cache. The network's deliveries carry their
     * data in fields of their own; timers are {@link Timer}s.
     */
    abstract static class Event {
        long dueNanos;
        long seq;
        /**
         * Where the queue holds it: its index in the far-future heap, {@link EventQueue#WHEEL} or
         * {@link EventQueue#NOT_QUEUED}.
         */
        int home = EventQueue.NOT_QUEUED;
        /** The next event of its wheel slot. */
        Event next;

        Event(long dueNanos) {
            this.dueNanos = dueNanos;
        }

        abstract void fire();

        /** False when it belongs to a node that crashed since it was queued. */
        boolean isLive() {
            return true;
        }
    }

    /** A task of a node (or of the world, when {@code node} is null), cancellable. */
    static final class Timer extends Event implements Cancellable {
        private final VirtualScheduler loop;
        private final Runnable task;
        private final VirtualNodeScheduler node;
        private final int incarnation;

        Timer(VirtualScheduler loop, long dueNanos, Runnable task, VirtualNodeScheduler node, int incarnation) {
            super(dueNanos);
            this.loop = loop;
            this.task = task;
            this.node = node;
            this.incarnation = incarnation;
        }

        @Override
        void fire() {
            task.run();
        }

        @Override
        boolean isLive() {
            return node == null || node.isIncarnation(incarnation);
        }

        /** Takes it off the queue; a cancelled timer never fires. Cancelling one that ran does nothing. */
        @Override
        public void cancel() {
            loop.queue.remove(this);
        }
    }
}
