package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wheel-and-heap queue against a plain priority queue, under the scheduler's own use of it. */
class EventQueueTest {
    private static final Comparator<VirtualScheduler.Event> ORDER =
            Comparator.<VirtualScheduler.Event>comparingLong(e -> e.dueNanos).thenComparingLong(e -> e.seq);

    private final VirtualScheduler loop = new VirtualScheduler();

    @Test
    void pollsInExactlyTheOrderOfOneHeapWhateverTheDelays() {
        for (long seed = 1; seed <= 20; seed++) {
            runAgainstReference(new SplittableRandom(seed), 50_000);
        }
    }

    private void runAgainstReference(SplittableRandom random, int operations) {
        EventQueue queue = new EventQueue();
        PriorityQueue<VirtualScheduler.Event> reference = new PriorityQueue<>(ORDER);
        List<VirtualScheduler.Event> queued = new ArrayList<>();
        long now = 0;
        long seq = 0;
        for (int op = 0; op < operations; op++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                VirtualScheduler.Event e = new VirtualScheduler.Timer(loop, now + delay(random), () -> { }, null, 0);
                e.seq = seq++;
                queue.add(e);
                reference.add(e);
                queued.add(e);
            } else if (kind < 7 && !queued.isEmpty()) {
                // a cancel; sometimes of an event already polled or cancelled, which must be a no-op
                VirtualScheduler.Event e = queued.get(random.nextInt(queued.size()));
                queue.remove(e);
                reference.remove(e);
            } else if (kind < 9) {
                assertThat(queue.size()).isEqualTo(reference.size());
                if (reference.isEmpty()) {
                    assertThat(queue.poll()).isNull();
                    continue;
                }
                assertThat(queue.headDue()).isEqualTo(reference.peek().dueNanos);
                VirtualScheduler.Event head = queue.poll();
                assertThat(head).isSameAs(reference.poll());
                // A live event moves time to it; a dead one (cancelled meanwhile) is skipped.
                if (random.nextInt(4) != 0) {
                    now = head.dueNanos;
                    queue.advanceTo(now);
                }
            } else {
                // runUntilTime: time moves to a deadline before the next event, running nothing
                long limit = reference.isEmpty() ? now + 60_000_000_000L : reference.peek().dueNanos;
                now = limit > now ? now + random.nextLong(limit - now) : now;
            }
        }
        while (!reference.isEmpty()) {
            assertThat(queue.poll()).isSameAs(reference.poll());
        }
        assertThat(queue.isEmpty()).isTrue();
    }

    /** Now, a datagram's flight, a retransmit timer, a maintenance period, or far beyond the wheel. */
    private static long delay(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> random.nextLong(1_000_000);
            case 2 -> random.nextLong(60_000_000);
            case 3 -> random.nextLong(4_000_000_000L);
            case 4 -> random.nextLong(3 * EventQueue.HORIZON_NANOS);
            default -> random.nextLong(3_600_000_000_000L);
        };
    }
}
