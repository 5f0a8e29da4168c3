package io.chordia.bootstrap;

import io.chordia.transport.metrics.MetricsEndpoint;
import io.chordia.transport.metrics.NodeMetrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import java.io.IOException;

/**
 * A bootstrap node's metrics: {@link NodeMetrics}' shared ones under the names the daemon uses,
 * and what only a bootstrap node has (its rate limiter, table caps) under
 * {@code chordia_bootstrap_}. docs/metrics.md lists them; rename one only together with that page.
 */
final class BootstrapMetrics {
    private BootstrapMetrics() {}

    static NodeMetrics of(BootstrapNode node) {
        BootstrapLimits limits = node.limits();
        NodeMetrics m = NodeMetrics.create(node.self().id().toHex(), node.protocol().label(), "bootstrap")
                .up(node::healthy, () -> node.uptimeNanos() / 1e9)
                .traffic(node::transportStats)
                .rpc(node::rpcStats)
                .guard(node.guard(), node::verifiedPeers, node::probesSent)
                .gauge("chordia_routing_contacts", "distinct contacts in the routing table (Chord: neighbour lists)",
                        () -> node.tableSizes().routingTable())
                .gauge("chordia_rpc_pending_calls", "the node's requests awaiting a reply", () -> node.tableSizes().pendingCalls())
                .counter("chordia_bootstrap_datagrams_admitted_total", "datagrams the rate limiter let through",
                        node::admitted)
                .counter("chordia_bootstrap_source_evictions_total", "idle per-source buckets evicted to make room",
                        node::sourceEvictions)
                .counter("chordia_bootstrap_untracked_datagrams_total",
                        "datagrams from new sources while the table was full of active ones", node::untrackedDatagrams)
                .gauge("chordia_bootstrap_tracked_sources", "per-source token buckets held", node::trackedSources)
                .gauge("chordia_bootstrap_tracked_sources_max", "cap on per-source token buckets", limits::maxTrackedSources)
                .gauge("chordia_bootstrap_verified_peers_max", "cap on verified addresses", limits::maxVerifiedPeers)
                .gauge("chordia_bootstrap_pending_calls_max", "cap on the node's requests awaiting a reply",
                        limits::maxPendingCalls)
                .gauge("chordia_bootstrap_reply_budgets_max", "cap on byte budgets", limits::maxReplyBudgets);
        CounterWithCallback.builder().name("chordia_bootstrap_rate_limited_total")
                .help("datagrams refused before decoding, by which limit").labelNames("scope").callback(cb -> {
                    cb.call(node.limitedPerSource(), "source");
                    cb.call(node.limitedGlobally(), "global");
                }).register(m.registry());
        return m;
    }

    /** Serves {@code node}'s metrics and its health on {@code host:port}. */
    static MetricsEndpoint serve(String host, int port, BootstrapNode node) throws IOException {
        return MetricsEndpoint.start(host, port, of(node).registry(), node::healthy);
    }
}
