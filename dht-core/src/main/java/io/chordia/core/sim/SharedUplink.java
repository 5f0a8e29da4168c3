package io.chordia.core.sim;

import java.util.ArrayDeque;

/**
 * One node's upload capacity, shared by every channel that node sends on: frames leave one at a
 * time at {@code bytesPerSecond}, taken round-robin from the channels that have frames waiting,
 * so k busy channels each get about 1/k of it (what TCP flows sharing an access link converge
 * to). A frame also takes at least its own link's transmit time, so a slower link still caps its
 * channel. Runs on the sending node's scheduler: a crashed node's uplink stops with it.
 */
final class SharedUplink {
    private final long bytesPerSecond;
    private final VirtualNodeScheduler node;
    /** Channels with frames waiting, in the order they are served. */
    private final ArrayDeque<Sender> ready = new ArrayDeque<>();
    private boolean busy;
    private long bytesSent;

    /** A channel's outbound queue as the uplink sees it. */
    interface Sender {
        /** The head frame's length, or -1 when nothing waits. */
        int headLength();

        /** Nanoseconds the head frame takes on the channel's own link. */
        long linkTransmitNanos(int length);

        /** The head frame has left: deliver it one latency from now. */
        void departed();
    }

    SharedUplink(long bytesPerSecond, VirtualNodeScheduler node) {
        this.bytesPerSecond = bytesPerSecond;
        this.node = node;
    }

    long bytesSent() {
        return bytesSent;
    }

    /** {@code s} has a new frame; joins the rotation if it was not waiting already. */
    void enqueued(Sender s, boolean wasEmpty) {
        if (wasEmpty) {
            ready.add(s);
        }
        startNext();
    }

    private void startNext() {
        if (busy || ready.isEmpty()) {
            return;
        }
        Sender s = ready.poll();
        int length = s.headLength();
        long nanos = Math.max((length * 1_000_000_000L + bytesPerSecond - 1) / bytesPerSecond,
                s.linkTransmitNanos(length));
        busy = true;
        node.schedule(java.time.Duration.ofNanos(nanos), () -> {
            busy = false;
            bytesSent += length;
            s.departed();
            if (s.headLength() >= 0) {
                ready.add(s);
            }
            startNext();
        });
    }
}
