package io.chordia.core.time;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A node's serial executor and timer. Every task of one node runs on one logical thread, one at
 * a time, so node state needs no locks: a Netty event loop on real sockets, the virtual event loop
 * in simulation.
 */
public interface Scheduler extends Executor {
    /** The clock this scheduler's delays are measured on. */
    Clock clock();

    /** Runs {@code task} once after {@code delay} on the node thread. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after {@code initialDelay}, on the node thread. */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

    /** Runs {@code task} soon on the node thread, never inline. */
    @Override
    void execute(Runnable task);

    /** True when the caller is running on this node's thread. */
    boolean inNodeThread();

    default void checkOnNodeThread() {
        if (!inNodeThread()) {
            throw new IllegalStateException("must be called on the node thread, was " + Thread.currentThread().getName());
        }
    }
}
