package io.chordia.core.sim;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The virtual scheduler's priority queue, ordered by (due time, sequence number): a timing wheel
 * for the next {@link #HORIZON_NANOS} of virtual time and a heap for events beyond it, which move
 * onto the wheel as time comes near them.
 *
 * <p>Why not one heap: a simulated network schedules almost every event (a delivery, a retransmit
 * timer) milliseconds to seconds ahead and cancels most timers; in one heap of many thousand
 * events, each insert and cancel sifted through a dozen levels of cache-missing arrays. On the
 * wheel an event is pushed onto the list of its slot (a quarter millisecond) in O(1); only when
 * time reaches a slot are its few events sorted, into the <em>run</em>, which the queue then pops
 * in order. A cancelled wheel event stays where it is, marked, and is skipped when reached.
 *
 * <p>The order is exactly that of a single heap, so a run's event trace does not depend on the
 * queue's layout.
 */
final class EventQueue {
    /** A slot spans 2^18 ns, about a quarter millisecond. */
    private static final int SLOT_SHIFT = 18;
    private static final int SLOTS = 1 << 16;
    private static final int SLOT_MASK = SLOTS - 1;
    /** About 17 s: beyond every retransmit timer and the usual maintenance periods. */
    static final long HORIZON_NANOS = (long) SLOTS << SLOT_SHIFT;
    /** {@link VirtualScheduler.Event#home} of an event on the wheel: in a slot list or the run. */
    static final int WHEEL = -2;
    /** {@link VirtualScheduler.Event#home} of an event in no queue; one in the far heap has its index there. */
    static final int NOT_QUEUED = -1;
    private static final Comparator<VirtualScheduler.Event> ORDER = (a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.seq, b.seq);

    /** Per slot, its events linked through {@link VirtualScheduler.Event#next}, in no order. */
    private final VirtualScheduler.Event[] slots = new VirtualScheduler.Event[SLOTS];
    /** Bit i set when slot i's list is not empty. */
    private final long[] occupied = new long[SLOTS / 64];
    private final EventHeap far = new EventHeap(256);
    /** Every wheel event of the absolute slots up to {@link #runSlot}, sorted, in [runStart, runEnd). */
    private VirtualScheduler.Event[] run = new VirtualScheduler.Event[64];
    private int runStart;
    private int runEnd;
    private long runSlot = -1;
    /**
     * The wheel holds the events of absolute slots [base, base + SLOTS); {@link #far} those at or
     * beyond. The scheduler moves it up to the present ({@link #advanceTo}) as events run: it
     * never queues an event before the present.
     */
    private long base;
    /** Queued and not cancelled, on the wheel. */
    private int onWheel;

    int size() {
        return onWheel + far.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Due time of the head; only when not empty. */
    long headDue() {
        return onWheel > 0 ? run[firstInRun()].dueNanos : far.headDue();
    }

    void add(VirtualScheduler.Event e) {
        long absolute = e.dueNanos >>> SLOT_SHIFT;
        if (absolute < base) {
            throw new IllegalStateException("event due at " + e.dueNanos + " ns, before the queue's present");
        }
        if (absolute - base >= SLOTS) {
            far.add(e);
        } else {
            addToWheel(e, absolute);
        }
    }

    /** Removes and returns the head, or null when empty. */
    VirtualScheduler.Event poll() {
        VirtualScheduler.Event head;
        if (onWheel > 0) {
            int i = firstInRun();
            head = run[i];
            run[i] = null;
            runStart = i + 1;
            onWheel--;
            head.home = NOT_QUEUED;
        } else if (!far.isEmpty()) {
            head = far.poll();
        } else {
            return null;
        }
        return head;
    }

    /** Removes {@code e} if it is queued. */
    void remove(VirtualScheduler.Event e) {
        if (e.home >= 0) {
            far.remove(e);
        } else if (e.home == WHEEL) {
            onWheel--; // left in its list or the run, skipped when reached
            e.home = NOT_QUEUED;
        }
    }

    /**
     * Virtual time is now {@code nowNanos}: moves the wheel up to it and takes on the far events
     * that came within reach. Nothing queued may be due before {@code nowNanos}.
     */
    void advanceTo(long nowNanos) {
        long absoluteSlot = nowNanos >>> SLOT_SHIFT;
        if (absoluteSlot <= base) {
            return;
        }
        base = absoluteSlot;
        runSlot = Math.max(runSlot, base - 1);
        while (!far.isEmpty() && (far.headDue() >>> SLOT_SHIFT) - base < SLOTS) {
            VirtualScheduler.Event e = far.poll();
            addToWheel(e, e.dueNanos >>> SLOT_SHIFT);
        }
    }

    private void addToWheel(VirtualScheduler.Event e, long absoluteSlot) {
        e.home = WHEEL;
        onWheel++;
        if (absoluteSlot <= runSlot) {
            insertIntoRun(e);
            return;
        }
        int slot = (int) absoluteSlot & SLOT_MASK;
        e.next = slots[slot];
        slots[slot] = e;
        occupied[slot >>> 6] |= 1L << slot;
    }

    /** Index of the first live event of the run, refilling it from the next slots; only when onWheel > 0. */
    private int firstInRun() {
        while (true) {
            while (runStart < runEnd) {
                if (run[runStart].home == WHEEL) {
                    return runStart;
                }
                run[runStart++] = null; // cancelled while it waited
            }
            refillRun();
        }
    }

    /** Sorts the events of the next occupied slot into the (empty) run. */
    private void refillRun() {
        runStart = 0;
        runEnd = 0;
        int slot = nextOccupied((int) (runSlot + 1) & SLOT_MASK);
        runSlot += 1 + ((slot - (runSlot + 1)) & SLOT_MASK);
        VirtualScheduler.Event e = slots[slot];
        slots[slot] = null;
        occupied[slot >>> 6] &= ~(1L << slot);
        while (e != null) {
            VirtualScheduler.Event next = e.next;
            e.next = null;
            if (e.home == WHEEL) {
                if (runEnd == run.length) {
                    run = Arrays.copyOf(run, run.length * 2);
                }
                run[runEnd++] = e;
            }
            e = next;
        }
        if (runEnd <= 24) {
            insertionSort();
        } else {
            Arrays.sort(run, 0, runEnd, ORDER);
        }
    }

    private void insertionSort() {
        for (int i = 1; i < runEnd; i++) {
            VirtualScheduler.Event x = run[i];
            int j = i - 1;
            while (j >= 0 && ORDER.compare(run[j], x) > 0) {
                run[j + 1] = run[j];
                j--;
            }
            run[j + 1] = x;
        }
    }

    /** An event due within the slots already sorted: into the run at its place (usually near the end). */
    private void insertIntoRun(VirtualScheduler.Event e) {
        if (runEnd == run.length) {
            int n = runEnd - runStart;
            VirtualScheduler.Event[] to = runStart > run.length / 2 ? run : new VirtualScheduler.Event[run.length * 2];
            System.arraycopy(run, runStart, to, 0, n);
            Arrays.fill(run, to == run ? n : runStart, runEnd, null);
            run = to;
            runStart = 0;
            runEnd = n;
        }
        int i = runEnd;
        while (i > runStart && ORDER.compare(run[i - 1], e) > 0) {
            run[i] = run[i - 1];
            i--;
        }
        run[i] = e;
        runEnd++;
    }

    /** The first occupied slot at or after {@code start}, wrapping; only when one is. */
    private int nextOccupied(int start) {
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        for (int scanned = 0; bits == 0; scanned++) {
            if (scanned == occupied.length) {
                throw new IllegalStateException("the wheel counts " + onWheel + " events but no slot holds one");
            }
            word = (word + 1) & (occupied.length - 1);
            // After a full turn the only bits left are those below start in the start word.
            bits = occupied[word];
        }
        return word << 6 | Long.numberOfTrailingZeros(bits);
    }
}
