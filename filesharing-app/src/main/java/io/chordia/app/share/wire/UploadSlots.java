package io.chordia.app.share.wire;

import java.util.concurrent.atomic.AtomicInteger;

/** A bound on the connections being uploaded to at once, across all contents of one peer. */
public final class UploadSlots {
    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    public UploadSlots(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        while (true) {
            int n = used.get();
            if (n >= max) {
                return false;
            }
            if (used.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        used.decrementAndGet();
    }

    public int inUse() {
        return used.get();
    }

    public int max() {
        return max;
    }
}
