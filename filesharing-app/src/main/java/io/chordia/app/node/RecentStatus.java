package io.chordia.app.node;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The daemon's status, read again only when the last read is over 200 ms old: what the metrics
 * scrape (a dozen gauges, one read) and the node's story in the log share, so the node thread is
 * asked once where both look.
 */
final class RecentStatus implements Supplier<NodeStatus> {
    private static final long FRESH_NANOS = 200_000_000L;
    private final Callable<NodeStatus> read;
    private NodeStatus last;
    private long readAt;

    RecentStatus(Callable<NodeStatus> read) {
        this.read = read;
    }

    /**
     * @throws IllegalStateException when the status could not be read (the node thread did not answer)
     */
    @Override
    public synchronized NodeStatus get() {
        long now = System.nanoTime();
        if (last == null || now - readAt > FRESH_NANOS) {
            try {
                last = read.call();
            } catch (Exception e) {
                throw new IllegalStateException("status unavailable: " + e.getMessage(), e);
            }
            readAt = now;
        }
        return last;
    }
}
