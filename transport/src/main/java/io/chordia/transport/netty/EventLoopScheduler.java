package io.chordia.transport.netty;

import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Clock;
import io.chordia.core.time.Scheduler;
import io.chordia.core.util.Checks;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A node's {@link Scheduler} on a Netty event loop: the loop that runs the node's channel, so
 * inbound envelopes and timers share one thread and node state needs no locks. Time is
 * {@link System#nanoTime()}.
 *
 * <p>A task that throws is logged and does not disturb other tasks, nor later runs of a periodic
 * one. Tasks submitted after the loop shut down are dropped (logged at debug) and the returned
 * handle does nothing.
 */
public final class EventLoopScheduler implements Scheduler {
    private static final Logger LOG = LogManager.getLogger();
    private static final Clock SYSTEM_CLOCK = System::nanoTime;

    private final EventLoop loop;

    public EventLoopScheduler(EventLoop loop) {
        this.loop = Checks.notNull(loop, "loop");
    }

    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public Clock clock() {
        return SYSTEM_CLOCK;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Checks.notNull(task, "task");
        try {
            return handle(loop.schedule(guarded(task), nanos(delay), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            LOG.debug("event loop shut down; dropped a task due in {}", delay);
            return Cancellable.NONE;
        }
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        Checks.notNull(task, "task");
        Checks.positive(period, "period");
        try {
            return handle(loop.scheduleAtFixedRate(guarded(task), nanos(initialDelay), nanos(period), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            LOG.debug("event loop shut down; dropped a task every {}", period);
            return Cancellable.NONE;
        }
    }

    @Override
    public void execute(Runnable task) {
        Checks.notNull(task, "task");
        try {
            loop.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("event loop shut down; dropped a task");
        }
    }

    @Override
    public boolean inNodeThread() {
        return loop.inEventLoop();
    }

    private static Cancellable handle(Future<?> future) {
        return () -> future.cancel(false);
    }

    private static long nanos(Duration d) {
        Checks.notNull(d, "delay");
        try {
            return Math.max(0, d.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // ~292 years: never, in practice
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("node task {} failed", task, e);
            }
        };
    }
}
