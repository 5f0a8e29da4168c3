package io.chordia.transport.metrics;

import io.chordia.core.rpc.RpcStats;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.guard.GuardedTransport;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The metrics every Chordia node has, under the same names in the daemon and the bootstrap node:
 * who it is, whether it is up, datagrams and bytes through its socket, drops by reason, its RPC
 * layer's calls, timeouts (by request type) and served requests, and what its amplification guard
 * did; plus the JVM's and the process's own. Every value is read when scraped, from counters that
 * any thread may read, so a scrape never touches a node thread. Names and meanings: docs/metrics.md.
 */
public final class NodeMetrics {
    private static final Set<DropReason> SIMULATION_ONLY =
            EnumSet.of(DropReason.LOSS, DropReason.PARTITIONED, DropReason.DESTINATION_DOWN);
    private final PrometheusRegistry registry;

    private NodeMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /** A registry of its own for one node, with the JVM and process collectors. */
    public static NodeMetrics create(String nodeId, String protocol, String role) {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        Info info = Info.builder().name("chordia_node_info").help("the node's id, protocol and role (node or bootstrap)")
                .labelNames("node", "protocol", "role").register(registry);
        info.setLabelValues(nodeId, protocol, role);
        return new NodeMetrics(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** {@code chordia_up} and {@code chordia_uptime_seconds}. */
    public NodeMetrics up(BooleanSupplier up, DoubleSupplier uptimeSeconds) {
        gauge("chordia_up", "1 while the node runs (node thread alive, socket open)", () -> up.getAsBoolean() ? 1 : 0);
        gauge("chordia_uptime_seconds", "seconds since the node started", uptimeSeconds);
        return this;
    }

    /** Datagrams and bytes through the socket, and drops by reason. */
    public NodeMetrics traffic(Supplier<TransportStats> stats) {
        counter("chordia_datagrams_sent_total", "datagrams handed to the socket", () -> stats.get().sent());
        counter("chordia_datagrams_received_total", "datagrams received and decoded", () -> stats.get().received());
        counter("chordia_bytes_sent_total", "bytes of datagrams handed to the socket", () -> stats.get().sentBytes());
        counter("chordia_bytes_received_total", "bytes of datagrams received and decoded", () -> stats.get().receivedBytes());
        CounterWithCallback.builder().name("chordia_datagrams_dropped_total")
                .help("datagrams not delivered, by reason (malformed, oversize, rate_limited, ...)").labelNames("reason")
                .callback(cb -> {
                    Map<DropReason, Long> byReason = stats.get().droppedByReason();
                    for (DropReason reason : EnumSet.complementOf(EnumSet.copyOf(SIMULATION_ONLY))) {
                        cb.call(byReason.getOrDefault(reason, 0L), reason.name().toLowerCase(Locale.ROOT));
                    }
                }).register(registry);
        return this;
    }

    /** The RPC layer: our calls, their timeouts by request type, the requests we served or refused. */
    public NodeMetrics rpc(Supplier<RpcStats> stats) {
        counter("chordia_rpc_calls_total", "requests this node started", () -> stats.get().callsStarted());
        counter("chordia_rpc_retransmissions_total", "requests sent again after a timeout",
                () -> stats.get().retransmissions());
        CounterWithCallback.builder().name("chordia_rpc_timeouts_total")
                .help("calls that failed after their last attempt timed out, by request type").labelNames("type")
                .callback(cb -> stats.get().timeoutsByType().forEach((type, n) -> cb.call(n, type))).register(registry);
        counter("chordia_rpc_overloaded_total", "calls refused locally: the pending table was full",
                () -> stats.get().overloaded());
        counter("chordia_rpc_forged_responses_total", "responses to our calls from another address than the one called",
                () -> stats.get().forgedResponses());
        counter("chordia_requests_served_total", "requests this node answered", () -> stats.get().requestsServed());
        counter("chordia_requests_refused_total", "requests answered with a refusal", () -> stats.get().requestsRefused());
        counter("chordia_requests_unsupported_total", "requests of a type this node does not serve",
                () -> stats.get().requestsUnsupported());
        return this;
    }

    /** What the amplification guard did with addresses that have not answered us. */
    public NodeMetrics guard(GuardedTransport guard, IntSupplier verifiedPeers, LongSupplier probesSent) {
        gauge("chordia_guard_verified_peers", "addresses that answered a request of ours", verifiedPeers::getAsInt);
        gauge("chordia_guard_reply_budgets", "unverified addresses with a byte budget", guard::pendingReplyBudgets);
        gauge("chordia_guard_held", "replies and requests held now until their address answers", guard::heldReplies);
        counter("chordia_guard_probes_sent_total", "pings sent to verify an address", probesSent);
        counter("chordia_guard_replies_held_total", "replies held until their address answered", guard::repliesHeld);
        counter("chordia_guard_requests_held_total", "our requests over an unverified address's budget, held",
                guard::requestsHeld);
        counter("chordia_guard_replies_trimmed_total", "replies to unverified addresses cut to fit their budget",
                guard::repliesTrimmed);
        counter("chordia_guard_replies_refused_total", "replies not sent: no budget, or no request seen",
                guard::repliesRefused);
        counter("chordia_guard_requests_withheld_total", "our requests to an unverified address not sent: over budget",
                guard::requestsWithheld);
        counter("chordia_guard_contacts_withheld_total", "unverified contacts left out of replies",
                guard::contactsWithheld);
        return this;
    }

    /** A gauge read at scrape time; for the metrics of one kind of node. */
    public NodeMetrics gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
        return this;
    }

    /** A counter read at scrape time; for the metrics of one kind of node. */
    public NodeMetrics counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong())).register(registry);
        return this;
    }
}
