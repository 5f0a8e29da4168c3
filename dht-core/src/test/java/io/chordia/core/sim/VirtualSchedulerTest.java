package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.time.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
    private final VirtualScheduler loop = new VirtualScheduler();
    private final List<String> log = new ArrayList<>();

    @Test
    void runsEventsInTimeOrderAndEqualTimesInSchedulingOrder() {
        VirtualNodeScheduler a = loop.newNodeScheduler("a");
        a.schedule(Duration.ofMillis(20), () -> log.add("20ms"));
        a.schedule(Duration.ofMillis(10), () -> log.add("10ms-first"));
        a.schedule(Duration.ofMillis(10), () -> log.add("10ms-second"));
        a.execute(() -> log.add("now"));

        loop.runUntilIdle(100);

        assertThat(log).containsExactly("now", "10ms-first", "10ms-second", "20ms");
        assertThat(loop.now()).isEqualTo(Duration.ofMillis(20));
        assertThat(a.clock().nanoTime()).isEqualTo(Duration.ofMillis(20).toNanos());
    }

    @Test
    void advanceRunsOnlyWhatIsDueAndMovesTheClock() {
        VirtualNodeScheduler a = loop.newNodeScheduler("a");
        a.schedule(Duration.ofSeconds(1), () -> log.add("1s"));
        a.schedule(Duration.ofSeconds(3), () -> log.add("3s"));

        loop.advance(Duration.ofSeconds(2));

        assertThat(log).containsExactly("1s");
        assertThat(loop.now()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fixedRateTasksKeepTheirRateAndStopWhenCancelled() {
        VirtualNodeScheduler a = loop.newNodeScheduler("a");
        List<Long> times = new ArrayList<>();
        Cancellable task = a.scheduleAtFixedRate(Duration.ofMillis(5), Duration.ofMillis(10),
                () -> times.add(loop.nowNanos() / 1_000_000));
        loop.advance(Duration.ofMillis(36));
        task.cancel();
        loop.advance(Duration.ofMillis(100));

        assertThat(times).containsExactly(5L, 15L, 25L, 35L);
    }

    @Test
    void cancelledTasksDoNotRun() {
        VirtualNodeScheduler a = loop.newNodeScheduler("a");
        Cancellable c = a.schedule(Duration.ofMillis(1), () -> log.add("cancelled"));
        a.schedule(Duration.ofMillis(2), () -> log.add("kept"));
        c.cancel();
        loop.runUntilIdle(10);
        assertThat(log).containsExactly("kept");
    }

    @Test
    void killDiscardsEveryPendingTaskOfThatNodeOnly() {
        VirtualNodeScheduler a = loop.newNodeScheduler("a");
        VirtualNodeScheduler b = loop.newNodeScheduler("b");
        a.schedule(Duration.ofMillis(1), () -> log.add("a-timer"));
        a.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(1), () -> log.add("a-tick"));
        b.schedule(Duration.ofMillis(1), () -> log.add("b-timer"));

        a.kill();
        a.schedule(Duration.ofMillis(2), () -> log.add("a-after-restart"));
        loop.runUntilIdle(10);

        assertThat(log).containsExactly("b-timer", "a-after-restart");
    }

    @Test
    void skewedClocksRunFastAndFireEarlyInVirtualTime() {
        VirtualNodeScheduler fast = loop.newNodeScheduler("fast");
        fast.setClockSkew(Duration.ofSeconds(100), 1.25);
        long[] firedAt = new long[1];
        fast.schedule(Duration.ofSeconds(10), () -> firedAt[0] = loop.nowNanos());
        loop.runUntilIdle(10);

        assertThat(Duration.ofNanos(firedAt[0])).isEqualTo(Duration.ofSeconds(8));
        assertThat(Duration.ofNanos(fast.clock().nanoTime())).isEqualTo(Duration.ofSeconds(110));
    }

    @Test
    void runUntilIdleRefusesToSpinForeverOnPeriodicTasks() {
        loop.newNodeScheduler("a").scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), () -> {});
        assertThatThrownBy(() -> loop.runUntilIdle(1000)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not idle");
    }

    @Test
    void runUntilStopsAtTheConditionOrTheDeadline() {
        VirtualNodeScheduler a = loop.newNodeScheduler("a");
        a.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), () -> log.add("tick"));

        assertThat(loop.runUntil(() -> log.size() == 3, Duration.ofMinutes(1))).isTrue();
        assertThat(loop.now()).isEqualTo(Duration.ofSeconds(2));
        assertThat(loop.runUntil(() -> log.size() == 1000, Duration.ofSeconds(10))).isFalse();
        assertThat(loop.now()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void skippingDeadEventsNeverRunsALiveOnePastTheDeadline() {
        VirtualNodeScheduler dead = loop.newNodeScheduler("dead");
        VirtualNodeScheduler live = loop.newNodeScheduler("live");
        dead.schedule(Duration.ofSeconds(1), () -> log.add("dead"));
        Cancellable cancelled = live.schedule(Duration.ofSeconds(1), () -> log.add("cancelled"));
        live.schedule(Duration.ofSeconds(3), () -> log.add("3s"));
        dead.kill();
        cancelled.cancel();

        loop.advance(Duration.ofSeconds(2));

        assertThat(log).isEmpty();
        assertThat(loop.now()).isEqualTo(Duration.ofSeconds(2));
        assertThat(loop.executedEvents()).isZero();
        loop.advance(Duration.ofSeconds(1));
        assertThat(log).containsExactly("3s");
    }

    @Test
    void cancelledTimersLeaveTheQueueAtOnceAndTheRestKeepTheirOrder() {
        VirtualNodeScheduler a = loop.newNodeScheduler("a");
        List<Cancellable> timers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            timers.add(a.schedule(Duration.ofMillis(1000 - i * 7 % 500), () -> log.add("t" + n)));
        }
        for (int i = 0; i < 100; i += 2) {
            timers.get(i).cancel();
        }
        assertThat(loop.pendingEvents()).isEqualTo(50);

        loop.runUntilIdle(1000);

        List<String> expected = new ArrayList<>();
        java.util.stream.IntStream.range(0, 100).filter(i -> i % 2 == 1).boxed()
                .sorted(java.util.Comparator.comparingInt((Integer i) -> 1000 - i * 7 % 500).thenComparingInt(i -> i))
                .forEach(i -> expected.add("t" + i));
        assertThat(log).isEqualTo(expected);
    }
}
