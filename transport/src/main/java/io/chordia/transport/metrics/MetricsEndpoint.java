package io.chordia.transport.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /metrics} (the Prometheus client's exposition of one registry, text or protobuf as
 * the scraper asks), {@code GET /health} ({@code 200 ok}, or {@code 503} when the node says it is
 * unhealthy) and a small index at {@code /}, on one daemon thread of its own so scrapes never run
 * on a node thread. It binds one address: 127.0.0.1 unless the operator asks, since the counters
 * tell an attacker what works.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final String INDEX = "<!doctype html><title>chordia metrics</title>"
            + "<p><a href=\"/metrics\">/metrics</a> (Prometheus) &middot; <a href=\"/health\">/health</a></p>\n";

    private final HTTPServer server;
    private final ExecutorService thread;

    private MetricsEndpoint(HTTPServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * What to change after {@link #start} failed with {@code e}, in the words of the
     * {@code --metrics-host} and {@code --metrics-port} options that both the daemon and the
     * bootstrap node have: one text for both.
     */
    public static String bindHint(BindException e) {
        return String.valueOf(e.getMessage()).contains("in use") ? "pick another with --metrics-port"
                : "give --metrics-host an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0";
    }

    /**
     * Serves {@code registry} on {@code host:port} (port 0: any free one).
     *
     * @throws BindException if the port is in use or the host is no address of this machine (the
     *                       message says which, in words a user can act on)
     */
    public static MetricsEndpoint start(String host, int port, PrometheusRegistry registry, BooleanSupplier healthy)
            throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw bindFailure("cannot serve metrics on " + host + ": unknown host", e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chordia-metrics");
            t.setDaemon(true);
            return t;
        });
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(address).port(port).registry(registry)
                    .executorService(thread).registerHealthHandler(false).defaultHandler(new Pages(healthy))
                    .buildAndStart();
            return new MetricsEndpoint(server, thread);
        } catch (BindException e) {
            thread.shutdownNow();
            throw bindFailure(String.valueOf(e.getMessage()).contains("in use")
                    ? "metrics port " + port + " is in use on " + host
                    : "cannot serve metrics on " + host + ": it is not an address of this machine", e);
        } catch (IOException | RuntimeException e) {
            thread.shutdownNow();
            throw e;
        }
    }

    private static BindException bindFailure(String message, Exception cause) {
        BindException out = new BindException(message);
        out.initCause(cause);
        return out;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
        thread.shutdownNow();
    }

    /** Everything but /metrics: the health check, the index, and 404 for the rest. */
    private static final class Pages implements HttpHandler {
        private final BooleanSupplier healthy;

        Pages(BooleanSupplier healthy) {
            this.healthy = healthy;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                String path = exchange.getRequestURI().getPath();
                switch (path) {
                    case "/health" -> {
                        boolean ok = healthy.getAsBoolean();
                        respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "unhealthy\n");
                    }
                    case "/" -> respond(exchange, 200, "text/html; charset=utf-8", INDEX);
                    default -> respond(exchange, 404, "text/plain; charset=utf-8", "not found: try /health or /metrics\n");
                }
            }
        }

        private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            }
        }
    }
}
