package io.chordia.routing.lookup;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts lookup requests that outlived their target's round-trip timeout (the lookup moved on) and
 * those of them answered after all; written on the node thread, readable from any thread.
 */
public final class SlowQueries {
    private final LongAdder slow = new LongAdder();
    private final LongAdder lateAnswers = new LongAdder();

    public void slow() {
        slow.increment();
    }

    public void lateAnswer() {
        lateAnswers.increment();
    }

    public long slowCount() {
        return slow.sum();
    }

    public long lateAnswerCount() {
        return lateAnswers.sum();
    }
}
