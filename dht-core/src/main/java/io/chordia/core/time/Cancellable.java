package io.chordia.core.time;

/** A handle on a scheduled task. */
@FunctionalInterface
public interface Cancellable {
    Cancellable NONE = () -> {};

    /** Stops the task from running (again); idempotent, and harmless once it has run. */
    void cancel();
}
