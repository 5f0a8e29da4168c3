package io.chordia.core.sim;

import java.util.Arrays;

/**
 * A binary heap of events ordered by (due time, sequence number) whose keys live in primitive
 * arrays beside the events, so sifting compares contiguous longs instead of chasing one pointer
 * per comparison. Each event knows its index ({@code home}), so a cancelled timer leaves the heap at once rather
 * than weighing on every operation until it falls due. One bucket of the {@link EventQueue}'s
 * wheel, or its far-future overflow.
 */
final class EventHeap {
    private long[] due;
    private long[] seq;
    private VirtualScheduler.Event[] events;
    private int size;

    EventHeap(int initialCapacity) {
        due = new long[initialCapacity];
        seq = new long[initialCapacity];
        events = new VirtualScheduler.Event[initialCapacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Due time of the head; only when not empty. */
    long headDue() {
        return due[0];
    }

    void add(VirtualScheduler.Event e) {
        if (size == events.length) {
            int capacity = size * 2;
            due = Arrays.copyOf(due, capacity);
            seq = Arrays.copyOf(seq, capacity);
            events = Arrays.copyOf(events, capacity);
        }
        siftUp(size++, e.dueNanos, e.seq, e);
    }

    /** Removes and returns the head, or null when empty. */
    VirtualScheduler.Event poll() {
        if (size == 0) {
            return null;
        }
        VirtualScheduler.Event head = events[0];
        removeAt(0);
        return head;
    }

    /** Removes {@code e}, which must be in this heap. */
    void remove(VirtualScheduler.Event e) {
        removeAt(e.home);
    }

    private void removeAt(int i) {
        events[i].home = EventQueue.NOT_QUEUED;
        int last = --size;
        if (i == last) {
            events[last] = null;
            return;
        }
        long d = due[last];
        long s = seq[last];
        VirtualScheduler.Event moved = events[last];
        events[last] = null;
        siftDown(i, d, s, moved);
        if (events[i] == moved) {
            siftUp(i, d, s, moved);
        }
    }

    private void siftUp(int i, long d, long s, VirtualScheduler.Event e) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pd = due[parent];
            if (pd < d || (pd == d && seq[parent] < s)) {
                break;
            }
            place(i, pd, seq[parent], events[parent]);
            i = parent;
        }
        place(i, d, s, e);
    }

    private void siftDown(int i, long d, long s, VirtualScheduler.Event e) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            long cd = due[child];
            long cs = seq[child];
            if (right < size && (due[right] < cd || (due[right] == cd && seq[right] < cs))) {
                child = right;
                cd = due[right];
                cs = seq[right];
            }
            if (d < cd || (d == cd && s < cs)) {
                break;
            }
            place(i, cd, cs, events[child]);
            i = child;
        }
        place(i, d, s, e);
    }

    private void place(int i, long d, long s, VirtualScheduler.Event e) {
        due[i] = d;
        seq[i] = s;
        events[i] = e;
        e.home = i;
    }
}
