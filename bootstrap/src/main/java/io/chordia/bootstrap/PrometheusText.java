package io.chordia.bootstrap;

import io.chordia.core.rpc.RpcStats;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A bootstrap node's counters in the Prometheus text exposition format (version 0.0.4). The names
 * are listed in {@code docs/bootstrap.md}; rename one only together with that page.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String P = "chordia_bootstrap_";
    private static final Set<DropReason> SIMULATION_ONLY =
            EnumSet.of(DropReason.LOSS, DropReason.PARTITIONED, DropReason.DESTINATION_DOWN);

    private final StringBuilder out = new StringBuilder(4096);

    private PrometheusText() {}

    static String render(BootstrapNode node) {
        PrometheusText t = new PrometheusText();
        TransportStats traffic = node.transportStats();
        t.gauge("up", "1 while the node serves", node.healthy() ? 1 : 0);
        t.gauge("uptime_seconds", "seconds since the node started", node.uptimeNanos() / 1_000_000_000L);
        t.counter("datagrams_received_total", "datagrams decoded and handed to the node", traffic.received());
        t.counter("bytes_received_total", "bytes of the datagrams handed to the node", traffic.receivedBytes());
        t.counter("datagrams_sent_total", "datagrams handed to the socket", traffic.sent());
        t.counter("bytes_sent_total", "bytes handed to the socket", traffic.sentBytes());
        t.header("datagrams_dropped_total", "counter", "datagrams dropped by the transport, by reason");
        for (Map.Entry<DropReason, Long> e : traffic.droppedByReason().entrySet()) {
            if (SIMULATION_ONLY.contains(e.getKey())) {
                continue;
            }
            t.sample("datagrams_dropped_total", "reason", e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
        }
        t.counter("datagrams_admitted_total", "datagrams the rate limiter let through", node.admitted());
        t.header("rate_limited_total", "counter", "datagrams refused before decoding, by which limit");
        t.sample("rate_limited_total", "scope", "source", node.limitedPerSource());
        t.sample("rate_limited_total", "scope", "global", node.limitedGlobally());
        t.counter("source_evictions_total", "idle per-source buckets evicted to make room", node.sourceEvictions());
        t.counter("untracked_datagrams_total", "datagrams from new sources while the table was full of active ones",
                node.untrackedDatagrams());
        t.counter("replies_trimmed_total", "replies to unverified sources cut to the amplification budget",
                node.repliesTrimmed());
        t.counter("replies_refused_total", "replies not sent: over budget, or answering no request seen",
                node.repliesRefused());
        t.counter("requests_withheld_total", "our own requests to unverified senders not sent: over their byte budget",
                node.requestsWithheld());
        t.counter("contacts_withheld_total", "unverified contacts left out of replies", node.contactsWithheld());
        t.counter("probes_sent_total", "pings sent to verify sources", node.probesSent());
        RpcStats rpc = node.rpcStats();
        t.counter("requests_served_total", "requests answered", rpc.requestsServed());
        t.counter("requests_refused_total", "requests answered with an error (storage, recursive routing)",
                rpc.requestsRefused());
        t.counter("requests_unsupported_total", "requests of a type this node does not serve", rpc.requestsUnsupported());
        t.counter("calls_started_total", "requests the node sent", rpc.callsStarted());
        t.counter("call_timeouts_total", "requests the node sent that timed out", rpc.timeouts());
        t.counter("calls_overloaded_total", "requests not sent because the pending table was full", rpc.overloaded());
        BootstrapLimits limits = node.limits();
        BootstrapNode.TableSizes sizes = node.tableSizes();
        t.gauge("tracked_sources", "per-source token buckets held", node.trackedSources());
        t.gauge("tracked_sources_max", "cap on per-source token buckets", limits.maxTrackedSources());
        t.gauge("verified_peers", "addresses verified by a ping", node.verifiedPeers());
        t.gauge("verified_peers_max", "cap on verified addresses", limits.maxVerifiedPeers());
        t.gauge("routing_table_contacts", "contacts in the routing table (Chord: neighbour lists)", sizes.routingTable());
        t.gauge("pending_calls", "the node's requests awaiting a reply", sizes.pendingCalls());
        t.gauge("pending_calls_max", "cap on the node's requests awaiting a reply", limits.maxPendingCalls());
        t.gauge("reply_budgets", "unverified addresses with a byte budget", node.pendingReplyBudgets());
        t.gauge("reply_budgets_max", "cap on byte budgets", limits.maxReplyBudgets());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        t.gauge("heap_used_bytes", "JVM heap in use", heap.getUsed());
        t.gauge("heap_max_bytes", "JVM heap limit (-1: none)", heap.getMax());
        return t.out.toString();
    }

    private void counter(String name, String help, long value) {
        header(name, "counter", help);
        sample(name, null, null, value);
    }

    private void gauge(String name, String help, long value) {
        header(name, "gauge", help);
        sample(name, null, null, value);
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(P).append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(P).append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, String labelValue, long value) {
        out.append(P).append(name);
        if (label != null) {
            out.append('{').append(label).append("=\"").append(labelValue).append("\"}");
        }
        out.append(' ').append(value).append('\n');
    }
}
