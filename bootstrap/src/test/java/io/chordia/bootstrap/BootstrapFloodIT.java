package io.chordia.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Nodes;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.routing.Protocol;
import io.chordia.transport.netty.TransportConfig;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bootstrap node on 127.0.0.1 under a flood of valid and garbage datagrams from 200 sockets on
 * 100 loopback source addresses keeps answering a well-behaved peer, counts what it drops, and
 * keeps its tables at their caps and its heap bounded.
 */
class BootstrapFloodIT {
    private static final int SOURCE_IPS = 100;
    private static final int SOCKETS = 200;
    private static final long DATAGRAMS = 200_000;
    /**
     * Well below what the node's event loop absorbs, so the peer's pings are lost only when the
     * machine starves the node thread for longer than the socket's receive buffer lasts (4 MiB,
     * about 60 ms at 40,000/s on a loaded 2-core machine): that is the host's limit, not the node's.
     * {@code chordia bootstrap flood} measures the higher rates.
     */
    private static final long RATE = 20_000;

    @Test
    void keepsServingAWellBehavedPeerWithBoundedMemory() throws Exception {
        BootstrapLimits limits = BootstrapLimits.defaults().withMaxTrackedSources(64).withMaxReplyBudgets(256);
        try (BootstrapNode node = BootstrapNode.start(TransportConfig.loopback(), Protocol.KADEMLIA,
                NodeId.sha1Of("bootstrap"), limits);
             WellBehavedPeer peer = WellBehavedPeer.start("127.0.0.1", node.address(), Duration.ofSeconds(1));
             FloodLoad flood = new FloodLoad(new InetSocketAddress("127.0.0.1", node.address().port()), SOCKETS,
                     sources(), 7)) {
            peer.startPinging(Duration.ofMillis(25));
            assertThat(Waiting.until(() -> node.verifiedPeers() == 1 && peer.counts().answered() >= 5,
                    Duration.ofSeconds(20))).as("the peer is verified and answered").isTrue();
            long heapBefore = heapAfterGc();
            WellBehavedPeer.Counts before = peer.counts();

            FloodLoad.Result sent = flood.run(DATAGRAMS, RATE);

            peer.stopPinging();
            assertThat(Waiting.until(() -> peer.counts().settled(), Duration.ofSeconds(10))).isTrue();
            WellBehavedPeer.Counts during = peer.counts().minus(before);
            assertThat(sent.sent()).isEqualTo(DATAGRAMS);
            assertThat(during.sent()).as("pings during the flood").isGreaterThan(50);
            assertThat(during.answeredFraction()).as("answered fraction of %s; node: %s", during, node.transportStats())
                    .isGreaterThanOrEqualTo(0.9);

            TransportStats stats = node.transportStats();
            assertThat(Waiting.until(() -> accounted(stats) >= DATAGRAMS / 2, Duration.ofSeconds(10)))
                    .as("most of the flood reached the node: %s", stats).isTrue();
            // 100 sources at 250/s each against 50/s per source: most are refused before decoding.
            assertThat(stats.dropped(DropReason.RATE_LIMITED)).as("rate-limited").isGreaterThan(accounted(stats) / 2);
            assertThat(stats.dropped(DropReason.RATE_LIMITED)).isEqualTo(node.limitedPerSource() + node.limitedGlobally());
            assertThat(stats.dropped(DropReason.MALFORMED) + stats.dropped(DropReason.BAD_HEADER)).as("garbage counted")
                    .isPositive();
            assertThat(stats.dropped(DropReason.OVERSIZE)).isPositive();
            assertThat(stats.sentBytes()).as("no amplification: bytes out, probes included, vs bytes decoded")
                    .isLessThanOrEqualTo(3 * stats.receivedBytes());

            assertThat(node.trackedSources()).as("source buckets at their cap").isEqualTo(64);
            assertThat(node.untrackedDatagrams()).as("new sources beyond the cap share one bucket").isPositive();
            assertThat(node.verifiedPeers()).as("flood sources never answer, so never verified").isEqualTo(1);
            assertThat(node.pendingReplyBudgets()).isLessThanOrEqualTo(256);
            assertThat(node.tableSizes().pendingCalls()).isLessThanOrEqualTo(limits.maxPendingCalls());
            long heapAfter = heapAfterGc();
            assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(32L << 20);

            Nodes nodes = peer.findNode(NodeId.sha1Of("anything")).get(5, TimeUnit.SECONDS);
            List<Contact> handedOut = nodes.contacts();
            assertThat(handedOut).as("only the verified peer is handed out, never a flood sender")
                    .containsExactly(peer.self());
        }
    }

    private static List<InetAddress> sources() throws Exception {
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < SOURCE_IPS; i++) {
            out.add(InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) (1 + i)}));
        }
        return out;
    }

    private static long accounted(TransportStats stats) {
        return stats.received() + stats.dropped(DropReason.RATE_LIMITED) + stats.dropped(DropReason.MALFORMED)
                + stats.dropped(DropReason.BAD_HEADER) + stats.dropped(DropReason.OVERSIZE);
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
