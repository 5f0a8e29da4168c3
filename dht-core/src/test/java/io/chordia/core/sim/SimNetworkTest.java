package io.chordia.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.testing.TestIds;
import io.chordia.core.transport.DropReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
    private final VirtualScheduler loop = new VirtualScheduler();

    private SimNetwork network(LinkConditions link) {
        return new SimNetwork(loop, new SplittableRandom(11), link);
    }

    private static List<Long> inbox(SimEndpoint e) {
        List<Long> received = new ArrayList<>();
        e.transport().onReceive((env, source) -> received.add(env.txId()));
        return received;
    }

    private static void send(SimEndpoint from, SimEndpoint to, int count) {
        Contact self = new Contact(TestIds.id(0), from.address());
        for (int i = 0; i < count; i++) {
            from.transport().send(new Envelope(i, self, to.address(), new Ping()));
        }
    }

    @Test
    void delaysFollowTheLatencyModel() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(30)));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        List<Long> arrivals = new ArrayList<>();
        b.transport().onReceive((env, source) -> arrivals.add(loop.nowNanos()));
        send(a, b, 1);
        loop.runUntilIdle(10);
        assertThat(arrivals).containsExactly(Duration.ofMillis(30).toNanos());
    }

    @Test
    void lossDropsAboutTheConfiguredFractionAndCountsIt() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1)).withLoss(0.2));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        List<Long> got = inbox(b);
        send(a, b, 10_000);
        loop.runUntilIdle(20_000);
        assertThat(got.size()).isBetween(7_700, 8_300);
        assertThat(net.stats().dropped(DropReason.LOSS)).isEqualTo(10_000 - got.size());
    }

    @Test
    void duplicationDeliversSomeDatagramsTwice() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1)).withDuplication(0.1));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        List<Long> got = inbox(b);
        send(a, b, 5_000);
        loop.runUntilIdle(20_000);
        assertThat(got.size()).isBetween(5_400, 5_600);
        assertThat(got.stream().distinct().count()).isEqualTo(5_000);
    }

    @Test
    void reorderingHoldsSomeDatagramsBack() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1))
                .withReordering(0.3, Duration.ofMillis(50)));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        List<Long> got = inbox(b);
        Contact self = new Contact(TestIds.id(0), a.address());
        for (int i = 0; i < 1000; i++) {
            a.transport().send(new Envelope(i, self, b.address(), new Ping()));
            loop.advance(Duration.ofMillis(1));
        }
        loop.runUntilIdle(10_000);
        long outOfOrder = 0;
        for (int i = 1; i < got.size(); i++) {
            outOfOrder += got.get(i) < got.get(i - 1) ? 1 : 0;
        }
        assertThat(got).hasSize(1000);
        assertThat(outOfOrder).isGreaterThan(50);
    }

    @Test
    void partitionsCutBothWaysAndHealRestoresTheLinks() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1)));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        SimEndpoint c = net.attach(TestIds.address(3));
        List<Long> toA = inbox(a);
        List<Long> toB = inbox(b);
        List<Long> toC = inbox(c);

        net.partition(List.of(List.of(a.address())));
        send(a, b, 1);
        send(b, a, 1);
        send(b, c, 1);
        loop.runUntilIdle(100);
        assertThat(toA).isEmpty();
        assertThat(toB).isEmpty();
        assertThat(toC).hasSize(1);
        assertThat(net.stats().dropped(DropReason.PARTITIONED)).isEqualTo(2);

        net.heal();
        send(a, b, 1);
        loop.runUntilIdle(100);
        assertThat(toB).hasSize(1);
    }

    @Test
    void aNodeJoiningDuringAPartitionIsOnTheSideItJoinedThrough() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1)));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        SimEndpoint joiner = net.attach(TestIds.address(3));
        List<Long> toA = inbox(a);
        List<Long> toB = inbox(b);
        net.partition(List.of(List.of(a.address()), List.of(b.address())));

        net.joinSideOf(joiner.address(), a.address());
        send(joiner, a, 1);
        send(joiner, b, 1);
        loop.runUntilIdle(100);
        assertThat(toA).hasSize(1);
        assertThat(toB).isEmpty();
    }

    @Test
    void asymmetricBlocksCutOneDirectionOnly() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1)));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        List<Long> toA = inbox(a);
        List<Long> toB = inbox(b);
        net.block(a.address(), b.address());
        send(a, b, 3);
        send(b, a, 3);
        loop.runUntilIdle(100);
        assertThat(toB).isEmpty();
        assertThat(toA).hasSize(3);
    }

    @Test
    void perLinkConditionsOverrideTheDefault() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1)));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        net.setLink(a.address(), b.address(), LinkConditions.ideal(Duration.ofMillis(1)).withLoss(1.0));
        List<Long> toA = inbox(a);
        List<Long> toB = inbox(b);
        send(a, b, 10);
        send(b, a, 10);
        loop.runUntilIdle(100);
        assertThat(toB).isEmpty();
        assertThat(toA).hasSize(10);
    }

    @Test
    void aCrashedEndpointLosesInFlightDatagramsAndTimersAndRestartsFresh() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(10)));
        SimEndpoint a = net.attach(TestIds.address(1));
        SimEndpoint b = net.attach(TestIds.address(2));
        List<Long> firstLife = inbox(b);
        List<String> timers = new ArrayList<>();
        b.scheduler().schedule(Duration.ofMillis(5), () -> timers.add("before crash"));

        send(a, b, 2);
        loop.advance(Duration.ofMillis(1));
        b.crash();
        loop.runUntilIdle(100);
        assertThat(firstLife).isEmpty();
        assertThat(timers).isEmpty();
        assertThat(net.stats().dropped(DropReason.DESTINATION_DOWN)).isEqualTo(2);

        b.transport().send(new Envelope(9, TestIds.contact(2), a.address(), new Ping()));
        assertThat(b.transport().stats().dropped(DropReason.SENDER_DOWN)).isEqualTo(1);

        b.restart();
        List<Long> secondLife = inbox(b);
        send(a, b, 1);
        loop.runUntilIdle(100);
        assertThat(secondLife).hasSize(1);
        assertThat(firstLife).isEmpty();
        assertThat(b.incarnation()).isEqualTo(1);
    }

    /**
     * The network keeps a host for its address after it crashes; a churning run replaces thousands
     * of nodes, so the dead incarnation must not keep its receiver (the node and all it held).
     */
    @Test
    void aCrashedEndpointLetsGoOfItsReceiver() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(10)));
        SimEndpoint b = net.attach(TestIds.address(2));
        inbox(b);
        assertThat(b.holdsReceiver()).isTrue();

        b.crash();
        assertThat(b.holdsReceiver()).isFalse();
        assertThat(net.endpoint(b.address())).isSameAs(b);
    }

    @Test
    void sendingToAnUnknownAddressIsADestinationDownDrop() {
        SimNetwork net = network(LinkConditions.ideal(Duration.ofMillis(1)));
        SimEndpoint a = net.attach(TestIds.address(1));
        a.transport().send(new Envelope(1, TestIds.contact(1), new Address("192.0.2.1", 9), new Ping()));
        loop.runUntilIdle(10);
        assertThat(net.stats().dropped(DropReason.DESTINATION_DOWN)).isEqualTo(1);
    }
}
