package io.chordia.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportStatsTest {
    @Test
    void bothKindsCountTheSame() {
        for (TransportStats stats : List.of(new TransportStats(), TransportStats.singleWriter())) {
            stats.recordSent(100);
            stats.recordSent(0);
            stats.recordReceived(40);
            stats.recordDropped(DropReason.LOSS);
            stats.recordDropped(DropReason.LOSS);
            stats.recordDropped(DropReason.OVERSIZE);

            assertThat(stats.sent()).isEqualTo(2);
            assertThat(stats.sentBytes()).isEqualTo(100);
            assertThat(stats.received()).isEqualTo(1);
            assertThat(stats.receivedBytes()).isEqualTo(40);
            assertThat(stats.dropped(DropReason.LOSS)).isEqualTo(2);
            assertThat(stats.droppedTotal()).isEqualTo(3);
            assertThat(stats.droppedByReason()).containsEntry(DropReason.OVERSIZE, 1L);
        }
    }

    @Test
    void theSharedKindLosesNoCountToConcurrentWriters() throws InterruptedException {
        TransportStats stats = new TransportStats();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            writers.add(new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    stats.recordSent(3);
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread w : writers) {
            w.join();
        }
        assertThat(stats.sent()).isEqualTo(400_000);
        assertThat(stats.sentBytes()).isEqualTo(1_200_000);
    }
}
