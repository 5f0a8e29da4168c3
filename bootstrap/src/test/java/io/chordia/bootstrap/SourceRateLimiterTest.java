package io.chordia.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.transport.guard.SourceKeys;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-source and shared token buckets on an injected clock, and the hard cap on tracked sources. */
class SourceRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    private long now = 42 * SECOND;
    private final Set<Long> verifiedSources = new HashSet<>();

    private SourceRateLimiter limiter(BootstrapLimits limits) {
        return new SourceRateLimiter(limits, () -> now, verifiedSources::contains);
    }

    private static long ip(int i) {
        return SourceKeys.of(address(i).getAddress());
    }

    private static InetSocketAddress address(int i) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), 4000);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSourceGetsItsBurstThenItsRate() {
        SourceRateLimiter limiter = limiter(BootstrapLimits.defaults().withPerSource(10, 5));

        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += limiter.admit(address(1), 100) ? 1 : 0;
        }
        assertThat(admitted).as("the burst").isEqualTo(5);
        assertThat(limiter.limitedPerSource()).isEqualTo(15);

        now += SECOND / 10 - 1;
        assertThat(limiter.admit(address(1), 100)).as("just before a token is earned").isFalse();
        now += 1;
        assertThat(limiter.admit(address(1), 100)).as("one token after 1/rate s").isTrue();
        assertThat(limiter.admit(address(1), 100)).isFalse();

        now += 3600 * SECOND;
        admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += limiter.admit(address(1), 100) ? 1 : 0;
        }
        assertThat(admitted).as("an hour idle refills to the burst, no more").isEqualTo(5);
        assertThat(limiter.admit(address(2), 100)).as("other sources have buckets of their own").isTrue();
    }

    @Test
    void theTableOfSourcesNeverGrowsPastItsCap() {
        SourceRateLimiter limiter = limiter(BootstrapLimits.defaults().withMaxTrackedSources(100).withGlobalRate(1_000_000));

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.admit(address(i), 50)).as("a new source has a full bucket").isTrue();
            assertThat(limiter.trackedSources()).isLessThanOrEqualTo(100);
            now += SECOND; // every source goes quiet long enough to refill, so may be forgotten
        }
        assertThat(limiter.trackedSources()).isEqualTo(100);
        assertThat(limiter.evictions()).isEqualTo(9_900);
        assertThat(limiter.untrackedDatagrams()).isZero();
    }

    @Test
    void newSourcesShareOneBucketWhileTheTableIsFullOfActiveOnes() {
        BootstrapLimits limits = BootstrapLimits.defaults().withPerSource(10, 5).withMaxTrackedSources(10)
                .withGlobalRate(1_000_000);
        SourceRateLimiter limiter = limiter(limits);
        for (int i = 0; i < 10; i++) {
            limiter.admit(address(i), 50);
        }
        int admitted = 0;
        for (int i = 10; i < 10_010; i++) {
            admitted += limiter.admit(address(i), 50) ? 1 : 0;
        }
        assertThat(admitted).as("the untracked bucket's burst, not a fresh bucket per spoofed address")
                .isEqualTo(SourceRateLimiter.UNTRACKED_SHARE * 5);
        assertThat(limiter.trackedSources()).isEqualTo(10);
        assertThat(limiter.evictions()).isZero();
        assertThat(limiter.untrackedDatagrams()).isEqualTo(10_000);

        verifiedSources.add(ip(20_000));
        assertThat(limiter.admit(address(20_000), 50)).as("a verified source gets a bucket even now").isTrue();
        assertThat(limiter.evictions()).isEqualTo(1);
        assertThat(limiter.trackedSources()).isEqualTo(10);
    }

    @Test
    void recentlySeenSourcesSurviveAFloodOfNewOnes() {
        SourceRateLimiter limiter = limiter(BootstrapLimits.defaults().withPerSource(1, 1).withMaxTrackedSources(10)
                .withGlobalRate(1_000_000));
        assertThat(limiter.admit(address(0), 50)).isTrue();
        for (int i = 1; i < 1000; i++) {
            limiter.admit(address(i), 50);
            // The well-behaved source keeps being seen (and refused: its bucket is empty), so it stays.
            assertThat(limiter.admit(address(0), 50)).as("still limited at round %d", i).isFalse();
        }
    }

    @Test
    void strangersShareOneBucketAndVerifiedSourcesAnother() {
        SourceRateLimiter limiter = limiter(BootstrapLimits.defaults().withGlobalRate(50).withVerifiedRate(20));
        verifiedSources.add(ip(7));

        int strangers = 0;
        for (int i = 100; i < 200; i++) {
            strangers += limiter.admit(address(i), 50) ? 1 : 0;
        }
        assertThat(strangers).as("a second's worth of the global rate").isEqualTo(50);
        assertThat(limiter.limitedGlobally()).isEqualTo(50);
        assertThat(limiter.admit(address(7), 50)).as("a verified source is not starved by strangers").isTrue();

        now += SECOND / 50;
        assertThat(limiter.admit(address(300), 50)).isTrue();
        assertThat(limiter.admit(address(301), 50)).isFalse();
    }

    @Test
    void ipv6SourcesAreLimitedPerSlash64() throws Exception {
        long a = SourceKeys.of(InetAddress.getByName("2001:db8:1:2::1"));
        long b = SourceKeys.of(InetAddress.getByName("2001:db8:1:2:ffff::9"));
        long c = SourceKeys.of(InetAddress.getByName("2001:db8:1:3::1"));
        long v4 = SourceKeys.of(InetAddress.getByName("10.0.0.1"));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(v4).isNotEqualTo(SourceKeys.of(InetAddress.getByName("::a00:1")));
        assertThat(SourceKeys.of(InetAddress.getByName("10.0.0.2"))).isEqualTo(v4 + 1);
        assertThat(SourceKeys.of(InetAddress.getByName("255.255.255.255")))
                .isNotEqualTo(SourceKeys.of(InetAddress.getByName("255.255.255.254")));
        assertThat(SourceKeys.of(InetAddress.getByName("::ffff:10.0.0.1"))).as("IPv4-mapped is IPv4").isEqualTo(v4);
    }
}
