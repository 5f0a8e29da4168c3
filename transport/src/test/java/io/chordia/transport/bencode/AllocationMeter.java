package io.chordia.transport.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes the current thread allocates while running a piece of code (HotSpot's per-thread
 * counter), so that "memory stays flat" is an assertion rather than a hope.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public interface Action {
        void run() throws Exception;
    }

    private AllocationMeter() {}

    public static long bytesAllocatedBy(Action action) throws Exception {
        assertThat(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled())
                .as("this JVM counts allocated bytes per thread").isTrue();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
