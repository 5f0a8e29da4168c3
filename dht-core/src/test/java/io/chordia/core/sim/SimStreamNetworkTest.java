package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.StreamTransport;
import io.chordia.core.util.Bytes;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimStreamNetworkTest {
    private static final Address A = new Address("10.0.0.1", 1000);
    private static final Address B = new Address("10.0.0.2", 2000);

    private final VirtualScheduler loop = new VirtualScheduler();
    // 1 MB/s and 5 ms: a 1,000-byte frame takes 1 ms to leave.
    private final SimStreamNetwork network = new SimStreamNetwork(loop, new StreamLink(1_000_000, Duration.ofMillis(5)));
    private final StreamTransport a = network.attach(A, loop.newNodeScheduler("a"), 4096);
    private final StreamTransport b = network.attach(B, loop.newNodeScheduler("b"), 4096);
    private final List<String> atB = new ArrayList<>();

    private FrameChannel connected() {
        b.onAccept(ch -> {
            ch.onFrame(f -> atB.add(loop.nowNanos() / 1000 + "us " + f.length()));
            ch.onClose(cause -> atB.add(loop.nowNanos() / 1000 + "us closed"));
        });
        CompletableFuture<FrameChannel> c = a.connect(B);
        loop.runUntilIdle(100);
        return c.join();
    }

    @Test
    void framesQueueBehindEachOtherAtTheLinkRateAndArriveOneLatencyLaterInOrder() {
        FrameChannel ch = connected();
        assertThat(loop.nowNanos()).as("a round trip").isEqualTo(Duration.ofMillis(10).toNanos());
        CompletableFuture<Void> first = ch.send(Bytes.wrapOwned(new byte[1000]));
        ch.send(Bytes.wrapOwned(new byte[2000]));
        ch.send(Bytes.wrapOwned(new byte[1]));
        loop.runUntilIdle(100);
        assertThat(first).isCompleted();
        // sent at 10 ms: leave at 11, 13 and 13.001 ms, arrive 5 ms later
        assertThat(atB).containsExactly("16000us 1000", "18000us 2000", "18001us 1");
    }

    @Test
    void aCloseArrivesAfterTheFramesSentBeforeIt() {
        FrameChannel ch = connected();
        List<Throwable> closedHere = new ArrayList<>();
        ch.onClose(closedHere::add);
        ch.send(Bytes.wrapOwned(new byte[3000]));
        ch.close();
        assertThat(ch.send(Bytes.wrapOwned(new byte[1]))).isCompletedExceptionally();
        loop.runUntilIdle(100);
        assertThat(atB).containsExactly("18000us 3000", "18000us closed");
        assertThat(closedHere).containsExactly((Throwable) null);
    }

    @Test
    void perLinkSettingsApplyToEachDirection() {
        network.setLink(A, B, new StreamLink(100_000, Duration.ofMillis(1)));
        FrameChannel ch = connected();
        long start = loop.nowNanos();
        ch.send(Bytes.wrapOwned(new byte[1000]));
        loop.runUntilIdle(100);
        // 1,000 bytes at 100 kB/s take 10 ms, then 1 ms of latency; the connect took 1 + 5 ms
        assertThat(start).isEqualTo(Duration.ofMillis(6).toNanos());
        assertThat(atB).containsExactly("17000us 1000");
    }

    @Test
    void anOversizeFrameFailsOnSendAndNobodyListeningFailsTheConnect() {
        FrameChannel ch = connected();
        assertThat(ch.send(Bytes.wrapOwned(new byte[4097]))).isCompletedExceptionally();
        CompletableFuture<FrameChannel> nobody = a.connect(new Address("10.0.0.3", 1));
        loop.runUntilIdle(100);
        assertThat(nobody).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ConnectException.class);
        assertThat(atB).isEmpty();
    }

    @Test
    void twoTransfersFromOneSharedUplinkEachGetAboutHalfOfIt() {
        Address up = new Address("10.0.0.7", 7000);
        network.setUplink(up, 100_000); // 100 kB/s shared, each link alone could do 1 MB/s
        StreamTransport sender = network.attach(up, loop.newNodeScheduler("up"), 4096);
        Address c = new Address("10.0.0.3", 3000);
        StreamTransport third = network.attach(c, loop.newNodeScheduler("c"), 4096);
        List<Long> lastAtB = new ArrayList<>(List.of(0L));
        List<Long> lastAtC = new ArrayList<>(List.of(0L));
        b.onAccept(ch -> ch.onFrame(f -> lastAtB.set(0, loop.nowNanos())));
        third.onAccept(ch -> ch.onFrame(f -> lastAtC.set(0, loop.nowNanos())));
        CompletableFuture<FrameChannel> toB = sender.connect(B);
        CompletableFuture<FrameChannel> toC = sender.connect(c);
        loop.runUntilIdle(100);
        long start = loop.nowNanos();
        for (int i = 0; i < 50; i++) { // 50 kB each way: 1 s for both at 100 kB/s
            toB.join().send(Bytes.wrapOwned(new byte[1000]));
            toC.join().send(Bytes.wrapOwned(new byte[1000]));
        }
        loop.runUntilIdle(10_000);
        double secondsB = (lastAtB.get(0) - start) / 1e9;
        double secondsC = (lastAtC.get(0) - start) / 1e9;
        // Alone, 50 kB would take 0.5 s; sharing, each finishes within one frame of the other at about 1 s.
        assertThat(secondsB).isBetween(0.99, 1.01);
        assertThat(secondsC).isBetween(0.99, 1.01);
        assertThat(network.uplinkBytesSent(up)).isEqualTo(100_000);

        // The same 50 kB alone on the uplink gets all of it.
        long again = loop.nowNanos();
        for (int i = 0; i < 50; i++) {
            toB.join().send(Bytes.wrapOwned(new byte[1000]));
        }
        loop.runUntilIdle(10_000);
        assertThat((lastAtB.get(0) - again) / 1e9).isBetween(0.49, 0.51);
    }

    @Test
    void aCloseOnASharedUplinkArrivesAfterTheFramesWaitingBeforeIt() {
        Address up = new Address("10.0.0.7", 7000);
        network.setUplink(up, 100_000);
        StreamTransport sender = network.attach(up, loop.newNodeScheduler("up"), 4096);
        b.onAccept(ch -> {
            ch.onFrame(f -> atB.add(loop.nowNanos() / 1000 + "us " + f.length()));
            ch.onClose(cause -> atB.add(loop.nowNanos() / 1000 + "us closed"));
        });
        CompletableFuture<FrameChannel> c = sender.connect(B);
        loop.runUntilIdle(100);
        c.join().send(Bytes.wrapOwned(new byte[1000]));
        c.join().send(Bytes.wrapOwned(new byte[1000]));
        c.join().close();
        loop.runUntilIdle(100);
        // connected at 10 ms; 10 ms per frame at 100 kB/s, then 5 ms of latency
        assertThat(atB).containsExactly("25000us 1000", "35000us 1000", "35000us closed");
    }
}
