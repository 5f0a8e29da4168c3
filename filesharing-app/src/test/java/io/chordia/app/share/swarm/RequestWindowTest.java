package io.chordia.app.share.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The window against a model link: a round-trip time and a bandwidth, sampled every 250 ms as the
 * fetch's tick does. The link delivers what the window lets through per round trip, up to its
 * bandwidth, so the window that keeps the link busy is known and the controller's answer can be
 * compared with it.
 */
class RequestWindowTest {
    private static final SwarmConfig CONFIG = SwarmConfig.defaults(); // floor 16, cap 1,024
    private static final double QUEUE_SECONDS = CONFIG.requestQueueTime().toNanos() / 1e9;
    private static final long TICK = Duration.ofMillis(250).toNanos();
    private static final long STEP = Duration.ofMillis(1).toNanos();

    /** A link of {@code rtt} and {@code bytesPerSecond}; {@link #run} drives a window over it for a while. */
    private static final class ModelLink {
        final RequestWindow window;
        final long rttNanos;
        final double bytesPerSecond;
        long now;
        double carry;
        int largest;

        ModelLink(SwarmConfig config, Duration rtt, double bytesPerSecond) {
            this.window = new RequestWindow(config, 0);
            this.rttNanos = rtt.toNanos();
            this.bytesPerSecond = bytesPerSecond;
        }

        void run(Duration d) {
            long end = now + d.toNanos();
            while (now < end) {
                now += STEP;
                double byWindow = (double) window.size() * PeerLink.BLOCK_SIZE * STEP / rttNanos;
                double byBandwidth = bytesPerSecond * STEP / 1e9;
                carry += Math.min(byWindow, byBandwidth);
                while (carry >= PeerLink.BLOCK_SIZE) {
                    carry -= PeerLink.BLOCK_SIZE;
                    window.delivered(PeerLink.BLOCK_SIZE, now);
                    largest = Math.max(largest, window.size());
                }
                if (now % TICK == 0) {
                    window.sample(now);
                    largest = Math.max(largest, window.size());
                }
            }
        }
    }

    @Test
    void startsAtTheFloor() {
        RequestWindow w = new RequestWindow(CONFIG, 0);
        assertThat(w.size()).isEqualTo(16);
        assertThat(w.slowStart()).isTrue();
    }

    @Test
    void aFastLinkTakesTheWindowToTheCapAndNoFurther() {
        // Loopback-like: 1 ms round trip, 500 MB/s. Three seconds of that are far more than the cap.
        ModelLink link = new ModelLink(CONFIG, Duration.ofMillis(1), 500e6);
        link.run(Duration.ofSeconds(2));
        assertThat(link.window.size()).isEqualTo(1024);
        assertThat(link.largest).isEqualTo(1024);
        assertThat(link.window.rate()).isGreaterThan(400e6);
    }

    @Test
    void slowStartGrowsByOnePerDeliveredBlockAndEndsWhenTheRateStopsGrowing() {
        RequestWindow w = new RequestWindow(CONFIG, 0);
        for (int i = 0; i < 10; i++) {
            w.delivered(PeerLink.BLOCK_SIZE, 0);
        }
        assertThat(w.size()).isEqualTo(26);
        w.sample(TICK); // the first rate: still growing
        assertThat(w.slowStart()).isTrue();
        for (int i = 0; i < 10; i++) {
            w.delivered(PeerLink.BLOCK_SIZE, TICK + 1);
        }
        w.sample(2 * TICK); // the same rate again: slow start is over, the window is the queue time's worth of the rate
        assertThat(w.slowStart()).isFalse();
        double rate = 10.0 * PeerLink.BLOCK_SIZE / 0.25;
        int expected = (int) (rate * QUEUE_SECONDS / PeerLink.BLOCK_SIZE);
        assertThat(w.size()).isEqualTo(Math.max(16, expected));
        w.delivered(PeerLink.BLOCK_SIZE, 2 * TICK + 1);
        assertThat(w.size()).as("no growth per block after slow start").isEqualTo(Math.max(16, expected));
    }

    @Test
    void aBandwidthLimitedLinkKeepsAboutItsQueueTimeOfRequests() {
        // 2 MB/s, 40 ms round trip: 5 blocks cover the round trip; the window holds the queue time's worth.
        ModelLink link = new ModelLink(CONFIG, Duration.ofMillis(40), 2e6);
        link.run(Duration.ofSeconds(20));
        assertThat(link.window.rate()).isBetween(1.9e6, 2.1e6);
        double expected = 2e6 * QUEUE_SECONDS / PeerLink.BLOCK_SIZE;
        assertThat((double) link.window.size()).isBetween(0.9 * expected, 1.1 * expected);
        assertThat(expected).as("the case says something only above the floor").isGreaterThan(2 * 16);
    }

    @Test
    void aSlowLinkStaysAtTheFloor() {
        // 50 kB/s: the queue time's worth of it is under the floor, slow start ends on the flat rate.
        ModelLink link = new ModelLink(CONFIG, Duration.ofMillis(40), 50e3);
        link.run(Duration.ofSeconds(5));
        assertThat(link.window.slowStart()).isFalse();
        assertThat(link.window.size()).isEqualTo(16);
        assertThat(link.largest).isLessThanOrEqualTo(16 + 4); // a sample's worth of slow start at most
    }

    @Test
    void thePeersQueueCapsTheWindow() {
        ModelLink link = new ModelLink(CONFIG, Duration.ofMillis(1), 500e6);
        link.window.peerQueue(300);
        link.run(Duration.ofSeconds(2));
        assertThat(link.largest).isEqualTo(300);
        assertThat(link.window.size()).isEqualTo(300);
    }

    @Test
    void aPeerQueueBelowTheFloorWinsOverTheFloor() {
        ModelLink link = new ModelLink(CONFIG, Duration.ofMillis(1), 500e6);
        link.run(Duration.ofSeconds(1));
        link.window.peerQueue(4); // requests past what the peer queues would be dropped
        assertThat(link.window.size()).isEqualTo(4);
        link.run(Duration.ofSeconds(1));
        assertThat(link.window.size()).isEqualTo(4);
    }

    @Test
    void aPeerQueueAboveTheCapLeavesTheCap() {
        ModelLink link = new ModelLink(CONFIG, Duration.ofMillis(1), 500e6);
        link.window.peerQueue(100_000);
        link.run(Duration.ofSeconds(2));
        assertThat(link.largest).isEqualTo(1024);
    }

    @Test
    void aStalledLinkFallsBackToTheFloor() {
        ModelLink link = new ModelLink(CONFIG, Duration.ofMillis(1), 500e6);
        link.run(Duration.ofSeconds(1));
        assertThat(link.window.size()).isEqualTo(1024);
        // The peer stops answering: nothing is delivered, samples go on.
        long now = link.now;
        for (int i = 1; i <= 40; i++) {
            link.window.sample(now + i * TICK);
        }
        assertThat(link.window.size()).isEqualTo(16);
        assertThat(link.window.rate()).isLessThan(16.0 * PeerLink.BLOCK_SIZE / 3);
    }

    @Test
    void aLinkThatHasDeliveredNothingStaysAtTheFloorAndInSlowStart() {
        RequestWindow w = new RequestWindow(CONFIG, 0);
        for (int i = 1; i <= 20; i++) {
            assertThat(w.sample(i * TICK)).isFalse();
        }
        assertThat(w.size()).isEqualTo(16);
        assertThat(w.slowStart()).isTrue();
    }

    @Test
    void aChokeEndsSlowStart() {
        RequestWindow w = new RequestWindow(CONFIG, 0);
        w.delivered(PeerLink.BLOCK_SIZE, 0);
        w.choked();
        w.delivered(PeerLink.BLOCK_SIZE, 0);
        assertThat(w.slowStart()).isFalse();
        assertThat(w.size()).isEqualTo(17);
    }

    @Test
    void aFixedWindowStaysFixed() {
        ModelLink link = new ModelLink(CONFIG.withFixedRequestWindow(6), Duration.ofMillis(1), 500e6);
        link.run(Duration.ofSeconds(1));
        assertThat(link.largest).isEqualTo(6);
        assertThat(link.window.size()).isEqualTo(6);
    }
}
