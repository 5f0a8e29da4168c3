package io.chordia.app.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chordia.app.cli.UserFacingException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * {@code GET /metrics} in the Prometheus text format (version 0.0.4) and {@code GET /health}.
 * It binds the daemon's {@code --metrics-host}, 127.0.0.1 unless asked: read-only counters, but
 * they tell an attacker what works (docs/bootstrap.md gives the same reason for the bootstrap node).
 */
final class MetricsServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService thread;

    private MetricsServer(HttpServer http, ExecutorService thread) {
        this.http = http;
        this.thread = thread;
    }

    static MetricsServer start(String host, int port, PeerDaemon daemon) throws IOException {
        HttpServer http;
        InetSocketAddress bind = new InetSocketAddress(host, port);
        if (bind.isUnresolved()) {
            throw new UserFacingException("cannot serve metrics on " + host + ": unknown host",
                    "give --metrics-host an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
        }
        try {
            http = HttpServer.create(bind, 8);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new UserFacingException("metrics port " + port + " is in use on " + host,
                        "pick another with --metrics-port", e);
            }
            throw new UserFacingException("cannot serve metrics on " + host + ": it is not an address of this machine",
                    "give --metrics-host an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0", e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chordia-metrics");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(thread);
        http.createContext("/metrics", exchange -> answer(exchange, 200, "text/plain; version=0.0.4", render(daemon)));
        http.createContext("/health", exchange -> answer(exchange, 200, "text/plain", "ok\n"));
        http.start();
        return new MetricsServer(http, thread);
    }

    int port() {
        return http.getAddress().getPort();
    }

    static String render(PeerDaemon daemon) {
        NodeStatus s;
        try {
            s = daemon.status();
        } catch (Exception e) {
            return "# status unavailable: " + e + "\nchordia_up 0\n";
        }
        NodeStatus.Traffic t = s.traffic();
        StringBuilder out = new StringBuilder();
        String labels = String.format(Locale.ROOT, "{node=\"%s\",protocol=\"%s\"}", s.nodeId().substring(0, 8), s.protocol());
        gauge(out, "chordia_up", "1 while the node runs", labels, 1);
        gauge(out, "chordia_uptime_seconds", "seconds since the node started", labels, s.uptimeSeconds());
        gauge(out, "chordia_routing_contacts", "distinct contacts in the routing table", labels, s.routingContacts());
        gauge(out, "chordia_leaf_set_size", "nodes in the leaf set", labels, s.leafSet().size());
        gauge(out, "chordia_stored_records", "records held by this node", labels, s.storedRecords());
        gauge(out, "chordia_stored_value_bytes", "bytes of values held by this node", labels, s.storedValueBytes());
        counter(out, "chordia_datagrams_sent_total", "datagrams handed to the socket", labels, t.datagramsSent());
        counter(out, "chordia_datagrams_received_total", "datagrams received and decoded", labels, t.datagramsReceived());
        counter(out, "chordia_bytes_sent_total", "bytes of datagrams sent", labels, t.bytesSent());
        counter(out, "chordia_bytes_received_total", "bytes of datagrams received", labels, t.bytesReceived());
        counter(out, "chordia_datagrams_dropped_total", "datagrams dropped (malformed, oversize, send failures)", labels,
                t.datagramsDropped());
        counter(out, "chordia_rpc_calls_total", "requests this node started", labels, t.rpcCalls());
        counter(out, "chordia_rpc_timeouts_total", "requests that timed out", labels, t.rpcTimeouts());
        counter(out, "chordia_requests_served_total", "requests this node answered", labels, t.requestsServed());
        counter(out, "chordia_puts_ok_total", "puts acknowledged by a write quorum", labels, t.putsOk());
        counter(out, "chordia_gets_found_total", "gets that found the record", labels, t.getsFound());
        counter(out, "chordia_repair_stores_total", "replicas restored by repair", labels, t.repairStores());
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, long value) {
        metric(out, name, "gauge", help, labels, value);
    }

    private static void counter(StringBuilder out, String name, String help, String labels, long value) {
        metric(out, name, "counter", help, labels, value);
    }

    private static void metric(StringBuilder out, String name, String type, String help, String labels, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static void answer(HttpExchange exchange, int code, String type, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
