package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopSchedulerTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final EventLoopScheduler scheduler = new EventLoopScheduler(loop);

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void runsTasksOnTheLoopWhichIsTheNodeThread() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        AtomicBoolean onNodeThread = new AtomicBoolean(true);
        Runnable task = () -> {
            onNodeThread.compareAndSet(true, scheduler.inNodeThread());
            ran.countDown();
        };

        scheduler.execute(task);
        scheduler.schedule(Duration.ofMillis(5), task);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(onNodeThread).isTrue();
        assertThat(scheduler.inNodeThread()).isFalse();
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        scheduler.schedule(Duration.ofMillis(200), () -> ran.set(true)).cancel();
        CountDownLatch later = new CountDownLatch(1);
        scheduler.schedule(Duration.ofMillis(300), later::countDown);

        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void aPeriodicTaskThatThrowsKeepsRunning() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(2), () -> {
            runs.incrementAndGet();
            three.countDown();
            throw new IllegalStateException("task bug");
        });

        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theClockIsMonotonicNanoseconds() {
        long a = scheduler.clock().nanoTime();
        long b = scheduler.clock().nanoTime();

        assertThat(b).isGreaterThanOrEqualTo(a);
    }

    @Test
    void tasksAfterShutdownAreDroppedQuietly() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();

        assertThatCode(() -> {
            scheduler.execute(() -> { });
            assertThat(scheduler.schedule(Duration.ofSeconds(1), () -> { })).isNotNull();
            scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), () -> { }).cancel();
        }).doesNotThrowAnyException();
    }
}
