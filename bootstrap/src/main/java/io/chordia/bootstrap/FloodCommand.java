package io.chordia.bootstrap;

import static io.chordia.bootstrap.OptionErrors.rejected;

import io.chordia.core.random.UnguessableRandom;
import io.chordia.routing.Protocol;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.netty.TransportConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chordia bootstrap flood}: the benchmark. Floods a bootstrap node (its own, in this
 * process, unless {@code --target} names a running one) with valid and garbage datagrams from
 * many sockets while a well-behaved peer keeps pinging it, and prints what the node absorbed and
 * how many of the peer's pings it still answered.
 */
@Command(name = "flood", mixinStandardHelpOptions = true,
        description = {"Benchmark: flood a bootstrap node and count what it still answers.",
                "Floods a bootstrap node (one in this process unless --target) with valid and garbage datagrams from "
                + "many sockets while a well-behaved peer pings it; prints datagrams/s absorbed and the peer's answered pings."})
final class FloodCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "host:port of a running bootstrap node; default: start one in this process on 127.0.0.1.")
    String target;

    @Option(names = "--sockets", paramLabel = "N", description = "Sockets to flood from (default: ${DEFAULT-VALUE}).")
    int sockets = 200;

    @Option(names = "--source-ips", paramLabel = "N", description = "Loopback source addresses 127.0.1.x to spread the sockets over, "
            + "when the target is on loopback (Linux); 0 for 127.0.0.1 only (default: ${DEFAULT-VALUE}).")
    int sourceIps = 100;

    @Option(names = "--datagrams", paramLabel = "N", description = "Datagrams to send (default: ${DEFAULT-VALUE}).")
    long datagrams = 500_000;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Datagrams/s to send at; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    long rate = 0;

    @Option(names = "--ping-interval-ms", paramLabel = "MS", description = "The well-behaved peer's ping interval (default: ${DEFAULT-VALUE}).")
    int pingIntervalMs = 25;

    @Option(names = "--protocol", paramLabel = "chord|kademlia", description = Protocol.OPTION_HELP)
    String protocol = Protocol.DEFAULT_LABEL;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the flood's contents (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() throws Exception {
        if (sockets < 1 || sockets > 10_000 || datagrams < 1 || rate < 0 || pingIntervalMs < 1 || sourceIps < 0
                || sourceIps > 60_000) {
            throw new ParameterException(spec.commandLine(), "the values must be --sockets 1..10000, --datagrams >= 1,"
                    + " --rate >= 0, --ping-interval-ms >= 1, --source-ips 0..60000");
        }
        PrintWriter out = spec.commandLine().getOut();
        BootstrapNode node = null;
        try {
            Address to;
            if (target == null) {
                node = BootstrapNode.start(TransportConfig.loopback(), Protocol.parse(protocol),
                        NodeId.random(UnguessableRandom.create()), BootstrapLimits.defaults());
                to = node.address();
                out.printf("in-process bootstrap node (%s, default limits) on %s%n", node.protocol(), to);
            } else {
                to = parseTarget(target);
            }
            InetAddress toIp = InetAddress.getByName(to.host());
            List<InetAddress> sources = sources(toIp);
            try (WellBehavedPeer peer = WellBehavedPeer.start(toIp.isLoopbackAddress() ? "127.0.0.1" : "0.0.0.0", to,
                    Duration.ofSeconds(1));
                 FloodLoad flood = new FloodLoad(new InetSocketAddress(toIp, to.port()), sockets, sources, seed)) {
                return run(out, node, peer, flood, sources.size());
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    private int run(PrintWriter out, BootstrapNode node, WellBehavedPeer peer, FloodLoad flood, int sourceCount)
            throws InterruptedException {
        peer.startPinging(Duration.ofMillis(pingIntervalMs));
        // Let the peer be verified (it answers the node's ping) before the flood starts.
        if (!Waiting.until(() -> peer.counts().answered() >= 5, Duration.ofSeconds(10))) {
            out.println("the bootstrap node does not answer pings; is it running at " + target + "?");
            return 1;
        }
        WellBehavedPeer.Counts before = peer.counts();
        TransportStats stats = node == null ? null : node.transportStats();
        long accountedBefore = stats == null ? 0 : accounted(stats);
        out.printf("flooding: %,d datagrams from %d sockets on %d source addresses%s...%n", datagrams, sockets,
                sourceCount, rate > 0 ? " at " + rate + "/s" : "");
        out.flush();
        FloodLoad.Result result = flood.run(datagrams, rate);
        WellBehavedPeer.Counts during = peer.counts().minus(before);
        peer.stopPinging();
        Waiting.until(() -> peer.counts().settled(), Duration.ofSeconds(3));
        during = peer.counts().minus(before);
        double seconds = result.nanos() / 1e9;
        out.printf(Locale.ROOT, "sent:      %,d datagrams in %.2f s = %,.0f/s (%d send errors)%n",
                result.sent(), seconds, result.perSecond(), result.errors());
        if (node != null) {
            long absorbed = accounted(stats) - accountedBefore;
            out.printf(Locale.ROOT, "absorbed:  %,d datagrams = %,.0f/s (the rest was lost in the kernel's receive buffer)%n",
                    absorbed, absorbed / seconds);
            out.printf(Locale.ROOT, "  rate-limited: %,d per source, %,d global; decoded and served: %,d%n",
                    node.limitedPerSource(), node.limitedGlobally(), stats.received());
            out.printf("  dropped by reason: %s%n", nonZero(stats));
            out.printf("  replies trimmed to 3x: %,d, replies refused: %,d, pings withheld: %,d, unverified contacts withheld: %,d,"
                    + " probes: %,d; bytes out/in: %.2f%n", node.repliesTrimmed(), node.repliesRefused(),
                    node.requestsWithheld(), node.contactsWithheld(), node.probesSent(),
                    (double) stats.sentBytes() / Math.max(1, stats.receivedBytes()));
            System.gc();
            out.printf("  tables: %d/%d sources, %d/%d verified, %d/%d pending calls, %d/%d reply budgets; heap after GC %d MiB%n",
                    node.trackedSources(), node.limits().maxTrackedSources(), node.verifiedPeers(),
                    node.limits().maxVerifiedPeers(), node.tableSizes().pendingCalls(), node.limits().maxPendingCalls(),
                    node.pendingReplyBudgets(), node.limits().maxReplyBudgets(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        }
        out.printf(Locale.ROOT, "well-behaved peer: %,d of %,d pings answered during the flood (%.1f%%), rtt p50 %.2f ms, p99 %.2f ms%n",
                during.answered(), during.sent(), 100 * during.answeredFraction(), peer.rttMillis(0.5), peer.rttMillis(0.99));
        return 0;
    }

    private List<InetAddress> sources(InetAddress to) throws java.net.UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        if (to.isLoopbackAddress() && sourceIps > 0) {
            for (int i = 0; i < sourceIps; i++) {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + i / 254), (byte) (1 + i % 254)}));
            }
        } else {
            out.add(to.isLoopbackAddress() ? InetAddress.getLoopbackAddress() : InetAddress.getByName("0.0.0.0"));
        }
        return out;
    }

    private static long accounted(TransportStats stats) {
        return stats.received() + stats.droppedTotal() - stats.dropped(DropReason.SEND_FAILED)
                - stats.dropped(DropReason.UNRESOLVED) - stats.dropped(DropReason.SENDER_DOWN);
    }

    private static String nonZero(TransportStats stats) {
        StringBuilder sb = new StringBuilder();
        stats.droppedByReason().forEach((reason, n) -> {
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(reason.name().toLowerCase(Locale.ROOT)).append(' ')
                        .append(String.format(Locale.ROOT, "%,d", n));
            }
        });
        return sb.toString();
    }

    private Address parseTarget(String text) {
        try {
            Address a = Address.parse(text);
            return new Address(InetAddress.getByName(a.host()).getHostAddress(), a.port());
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw rejected(spec, "--target " + text + " is not host:port of a reachable host", "e.g. --target 127.0.0.1:4000", e);
        }
    }
}
