package io.chordia.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /health} (200 {@code ok}, or 503) and {@code GET /metrics} (Prometheus text) over the
 * JDK's HTTP server, on one daemon thread of its own so scrapes never touch the node thread.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @throws BindException if the port is in use (the message says which) */
    public static MetricsServer start(String host, int port, BootstrapNode node) throws IOException {
        return start(host, port, node::healthy, () -> PrometheusText.render(node));
    }

    static MetricsServer start(String host, int port, Supplier<Boolean> healthy, Supplier<String> metrics)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            BindException out = new BindException(String.valueOf(e.getMessage()).contains("in use")
                    ? "metrics port " + port + " is in use on " + host
                    : "cannot bind metrics to " + host + ":" + port + ": " + e.getMessage());
            out.initCause(e);
            throw out;
        }
        server.createContext("/health", exchange -> {
            boolean ok = healthy.get();
            respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "unhealthy\n");
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200, PrometheusText.CONTENT_TYPE, metrics.get()));
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8",
                "not found: try /health or /metrics\n"));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chordia-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (status != 404 && !path.equals(exchange.getHttpContext().getPath())) {
                status = 404;
                body = "not found: try /health or /metrics\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
