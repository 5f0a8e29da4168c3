package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.share.FetchResult;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.StorageStats;
import io.chordia.transport.metrics.MetricsEndpoint;
import io.chordia.transport.metrics.NodeMetrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The daemon's metrics: {@link NodeMetrics}' shared ones, its records and routing table, the
 * storage layer's outcomes, latency histograms of the lookups, puts and gets it is asked for
 * (through the control channel: {@code chordia lookup/put/get}), and file sharing. Served by a
 * {@link MetricsEndpoint} when the node has a metrics port. Thread-safe: commands record from
 * their threads, scrapes read from the endpoint's.
 */
final class DaemonMetrics {
    /** Seconds: a loopback answer takes a millisecond, a lookup that waits on the dead several seconds. */
    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] HOP_BUCKETS = {0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20};

    private final NodeMetrics node;
    private final Histogram lookupSeconds;
    private final Histogram lookupHops;
    private final Histogram putSeconds;
    private final Histogram getSeconds;
    private final AtomicInteger fetchesActive = new AtomicInteger();
    private final LongAdder fetchesOk = new LongAdder();
    private final LongAdder fetchesFailed = new LongAdder();
    private final LongAdder fetchedBytes = new LongAdder();

    private DaemonMetrics(NodeMetrics node) {
        this.node = node;
        PrometheusRegistry r = node.registry();
        lookupSeconds = Histogram.builder().name("chordia_lookup_seconds")
                .help("lookups asked of this node, by style and result: seconds to the answer")
                .labelNames("style", "result").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(r);
        lookupHops = Histogram.builder().name("chordia_lookup_hops")
                .help("lookups asked of this node that succeeded, by style: nodes on the path")
                .labelNames("style").classicOnly().classicUpperBounds(HOP_BUCKETS).register(r);
        putSeconds = Histogram.builder().name("chordia_put_seconds")
                .help("puts asked of this node, by result: seconds until a write quorum answered or it failed")
                .labelNames("result").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(r);
        getSeconds = Histogram.builder().name("chordia_get_seconds")
                .help("gets asked of this node, by result: seconds to the answer")
                .labelNames("result").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(r);
    }

    /** The metrics of {@code daemon}; its status is read at most once per scrape's worth of callbacks ({@link RecentStatus}). */
    static DaemonMetrics of(PeerDaemon daemon, NodeGuard guard) {
        Supplier<NodeStatus> status = daemon::recentStatus;
        NodeMetrics m = NodeMetrics.create(daemon.self().id().toHex(), daemon.protocolLabel(), "node")
                .up(() -> true, daemon::uptimeSeconds)
                .traffic(daemon::transportStats)
                .rpc(() -> daemon.node().rpc().stats())
                .guard(guard.guarded(), guard::verifiedPeers, guard::probesSent)
                .gauge("chordia_routing_contacts", "distinct contacts in the routing table",
                        () -> status.get().routingContacts())
                .gauge("chordia_leaf_set_size", "nodes in the leaf set", () -> status.get().leafSet().size())
                .gauge("chordia_stored_records", "records held by this node", () -> status.get().storedRecords())
                .gauge("chordia_stored_value_bytes", "bytes of values held by this node",
                        () -> status.get().storedValueBytes())
                .counter("chordia_repair_stores_total", "replicas restored by repair", () -> storage(daemon).repairStores())
                .counter("chordia_handoffs_total", "records handed to a node that became responsible",
                        () -> storage(daemon).handedOff())
                .counter("chordia_stores_refused_total", "stores refused: bad token, record rules or quota",
                        () -> storage(daemon).refusedTokens() + storage(daemon).refusedRules() + storage(daemon).refusedQuota())
                .counter("chordia_share_bytes_served_total", "file-sharing block bytes uploaded to peers",
                        daemon::bytesServed);
        DaemonMetrics metrics = new DaemonMetrics(m);
        PrometheusRegistry r = m.registry();
        CounterWithCallback.builder().name("chordia_puts_total").help("puts by this node's storage layer, by result")
                .labelNames("result").callback(cb -> {
                    cb.call(storage(daemon).putsOk(), "ok");
                    cb.call(storage(daemon).putsFailed(), "failed");
                }).register(r);
        CounterWithCallback.builder().name("chordia_gets_total").help("gets by this node's storage layer, by result")
                .labelNames("result").callback(cb -> {
                    cb.call(storage(daemon).getsFound(), "found");
                    cb.call(storage(daemon).getsNotFound(), "not_found");
                    cb.call(storage(daemon).getsFailed(), "failed");
                }).register(r);
        CounterWithCallback.builder().name("chordia_fetches_total").help("file fetches finished, by result")
                .labelNames("result").callback(cb -> {
                    cb.call(metrics.fetchesOk.sum(), "ok");
                    cb.call(metrics.fetchesFailed.sum(), "failed");
                }).register(r);
        m.gauge("chordia_fetches_active", "file fetches running now", metrics.fetchesActive::get)
                .counter("chordia_fetch_bytes_total", "file-sharing block bytes downloaded by finished fetches",
                        metrics.fetchedBytes::sum);
        return metrics;
    }

    private static StorageStats storage(PeerDaemon daemon) {
        return daemon.storage().stats();
    }

    /** Serves the metrics on {@code host:port}; a bad host or a busy port is the user's to fix. */
    MetricsEndpoint serve(String host, int port) {
        try {
            return MetricsEndpoint.start(host, port, node.registry(), () -> true);
        } catch (BindException e) {
            throw new UserFacingException(e.getMessage(), MetricsEndpoint.bindHint(e), e);
        } catch (IOException e) {
            throw new UserFacingException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), null, e);
        }
    }

    void lookupDone(LookupStyle style, LookupResult result, long nanos) {
        String s = style.name().toLowerCase(Locale.ROOT);
        lookupSeconds.labelValues(s, result.status().name().toLowerCase(Locale.ROOT)).observe(nanos / 1e9);
        if (result.succeeded()) {
            lookupHops.labelValues(s).observe(result.hops());
        }
    }

    void putDone(PutResult result, long nanos) {
        putSeconds.labelValues(result.status().name().toLowerCase(Locale.ROOT)).observe(nanos / 1e9);
    }

    void getDone(GetResult result, long nanos) {
        getSeconds.labelValues(result.status().name().toLowerCase(Locale.ROOT)).observe(nanos / 1e9);
    }

    /** Counts {@code fetch} as active until it ends, then by its outcome. */
    void fetchStarted(CompletableFuture<FetchResult> fetch) {
        fetchesActive.incrementAndGet();
        fetch.whenComplete((r, failure) -> {
            fetchesActive.decrementAndGet();
            if (failure == null) {
                fetchesOk.increment();
                fetchedBytes.add(r.downloadedBytes());
            } else {
                fetchesFailed.increment();
            }
        });
    }
}
