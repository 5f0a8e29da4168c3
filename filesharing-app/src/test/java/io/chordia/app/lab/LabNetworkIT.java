package io.chordia.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's network itself, measured with UDP round trips between namespaces: the relay delays by
 * the sender's profile, loses what it says it loses, drops exactly the packets that cross a
 * partition, delivers again after heal, and without the relay nothing gets through.
 */
class LabNetworkIT {
    private static final LinkProfile NO_LOSS = new LinkProfile(Duration.ofMillis(20), Duration.ofMillis(5), 0);

    @TempDir
    Path work;

    private LabNetwork lab;

    @BeforeEach
    void buildLab() throws Exception {
        lab = LabNetwork.create(3, 7, work);
        for (LabHost h : lab.hosts()) {
            UdpProbe.startEcho(h);
        }
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void everyPacketIsDelayedByItsSendersProfile() throws Exception {
        lab.relay().linkAll(NO_LOSS);
        UdpProbe.Outcome both = UdpProbe.probe(lab.host(2), lab.host(3), 30);
        assertThat(both.received()).isEqualTo(30);
        // Each way 15..25 ms: never under 30 ms; the median near 40 ms (a busy machine adds a little).
        assertThat(both.rttMillis().get(0)).isGreaterThanOrEqualTo(30.0);
        assertThat(both.median()).isBetween(35.0, 55.0);

        lab.relay().linkAll(new LinkProfile(Duration.ZERO, Duration.ZERO, 0));
        lab.relay().link(lab.host(3), new LinkProfile(Duration.ofMillis(100), Duration.ZERO, 0));
        UdpProbe.Outcome oneWay = UdpProbe.probe(lab.host(2), lab.host(3), 20);
        assertThat(oneWay.received()).isEqualTo(20);
        assertThat(oneWay.rttMillis().get(0)).as("only the replies from h3 wait").isGreaterThanOrEqualTo(100.0);
        assertThat(oneWay.median()).isLessThan(115.0);
        UdpProbe.Outcome fast = UdpProbe.probe(lab.host(1), lab.host(2), 20);
        assertThat(fast.median()).as("h1 and h2 have no delay").isLessThan(10.0);
    }

    @Test
    void theRelayLosesTheConfiguredFractionAndCountsEveryLoss() throws Exception {
        lab.relay().link(lab.host(2), new LinkProfile(Duration.ofMillis(1), Duration.ZERO, 0.2));
        UdpProbe.Outcome lossy = UdpProbe.probe(lab.host(2), lab.host(3), 200);
        long[] counted = lab.relay().pair(lab.host(2), lab.host(3));
        assertThat(lossy.received()).isBetween(140, 180);
        assertThat(counted[1]).as("h3 loses nothing, so every missing answer is a request the relay lost")
                .isEqualTo(200 - lossy.received());
        assertThat(counted[0] + counted[1]).isEqualTo(200);
    }

    @Test
    void aPartitionDropsExactlyWhatCrossesItAndHealDeliversAgain() throws Exception {
        lab.relay().linkAll(new LinkProfile(Duration.ofMillis(1), Duration.ZERO, 0));
        lab.relay().partition(Set.of(1, 2), Set.of(3));
        assertThat(UdpProbe.probe(lab.host(2), lab.host(3), 10).received()).isZero();
        assertThat(lab.relay().pair(lab.host(2), lab.host(3))[2]).isEqualTo(10);
        assertThat(UdpProbe.probe(lab.host(1), lab.host(2), 10).received()).as("within a side").isEqualTo(10);

        lab.relay().heal();
        assertThat(UdpProbe.probe(lab.host(2), lab.host(3), 10).received()).isEqualTo(10);
        assertThat(lab.relay().pair(lab.host(2), lab.host(3))[2]).as("nothing more cut after heal").isEqualTo(10);
    }

    @Test
    void withoutTheRelayNothingGetsThrough() throws Exception {
        assertThat(UdpProbe.probe(lab.host(2), lab.host(3), 5).received()).isEqualTo(5);
        lab.relay().close();
        assertThat(UdpProbe.probe(lab.host(2), lab.host(3), 5).received())
                .as("the router's blackhole rule, not its main table, takes over").isZero();
    }
}
