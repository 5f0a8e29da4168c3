package io.chordia.app.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chordia.app.UserFacingException;
import io.chordia.app.dashboard.DashboardLink;
import io.chordia.app.dashboard.DashboardPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Serves a {@link ControlRegistry} on 127.0.0.1: {@code POST /v1/<name>} with
 * {@code Authorization: Bearer <secret>} and a JSON request body; the answer is
 * {@code application/x-ndjson}, one {@link ControlLine} per line, flushed as it is written so a
 * client sees progress while a long command runs.
 *
 * <p>{@code GET /} is the dashboard ({@link DashboardPage}), whose script calls the same verbs with
 * the secret from its login link ({@link DashboardLink}). Every request must name 127.0.0.1 or
 * localhost with this port as its Host.
 *
 * <p>Bounded: request bodies up to {@link #MAX_REQUEST_BYTES}, {@link #THREADS} commands at once
 * and {@link #QUEUED} waiting; a request beyond that is answered 503 at once.
 */
public final class ControlServer implements AutoCloseable {
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    static final int THREADS = 4;
    static final int QUEUED = 32;
    private static final Logger LOG = LogManager.getLogger();
    private static final String PREFIX = "/v1/";

    private final HttpServer http;
    private final ExecutorService workers;
    private final ControlRegistry registry;
    private final byte[] expectedAuthorization;
    private final ObjectMapper json = Json.mapper();

    private ControlServer(HttpServer http, ExecutorService workers, ControlRegistry registry, String secret) {
        this.http = http;
        this.workers = workers;
        this.registry = registry;
        this.expectedAuthorization = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
    }

    /** Binds 127.0.0.1 on an ephemeral port (or {@code port}) and starts serving. */
    public static ControlServer start(ControlRegistry registry, String secret, int port) throws IOException {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the control secret must be at least 32 characters");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUED), r -> {
                    Thread t = new Thread(r, "chordia-control");
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> {
                    throw new java.util.concurrent.RejectedExecutionException("control channel busy");
                });
        workers.allowCoreThreadTimeOut(true);
        ControlServer server = new ControlServer(http, workers, registry, secret);
        http.createContext("/", server::handle);
        http.setExecutor(task -> {
            try {
                workers.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("control channel busy: a request was refused");
                throw e;
            }
        });
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * Runs the command {@code name} once with an empty request and drops its answer, so that the
     * first real request finds Jackson's readers and writers for it built (a fifth of a second on a
     * node's start). Only for commands that change nothing.
     */
    public void rehearse(String name) {
        var command = registry.find(name);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command '" + name + "'");
        }
        try {
            run(command.get(), "{}".getBytes(StandardCharsets.UTF_8), OutputStream.nullOutputStream());
        } catch (IOException e) {
            LOG.debug("rehearsing '{}' failed: {}", name, e.toString());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            DashboardPage.secure(exchange.getResponseHeaders());
            if (!DashboardPage.hostAllowed(exchange.getRequestHeaders().getFirst("Host"), port())) {
                plain(exchange, 403, "this port answers only to 127.0.0.1:" + port() + " and localhost:" + port());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && DashboardPage.serves(path)) {
                DashboardPage.serve(exchange);
                return;
            }
            if (!authorized(exchange)) {
                plain(exchange, 401, "missing or wrong control secret");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX)) {
                plain(exchange, 404, "POST /v1/<command>; commands: " + registry.names());
                return;
            }
            var command = registry.find(path.substring(PREFIX.length()));
            if (command.isEmpty()) {
                plain(exchange, 404, "no command '" + path.substring(PREFIX.length()) + "'; commands: " + registry.names());
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody());
            if (body == null) {
                plain(exchange, 413, "request body over " + MAX_REQUEST_BYTES + " bytes");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            run(command.get(), body, exchange.getResponseBody());
        }
    }

    private <Q, A> void run(ControlCommand<Q, A> command, byte[] body, OutputStream out) throws IOException {
        ControlLine last;
        try {
            Q request = json.readValue(body, command.requestType());
            A result = command.handle(request, update -> writeLine(out,
                    new ControlLine(json.valueToTree(update), null, null)));
            last = new ControlLine(null, json.valueToTree(result), null);
        } catch (UserFacingException e) {
            last = new ControlLine(null, null, new ControlLine.ControlError(e.getMessage(), e.hint()));
        } catch (JsonProcessingException e) {
            last = new ControlLine(null, null, new ControlLine.ControlError(
                    "malformed '" + command.name() + "' request: " + e.getOriginalMessage(), null));
        } catch (UncheckedIOException e) {
            LOG.debug("control client went away during '{}': {}", command.name(), e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new ControlLine(null, null, new ControlLine.ControlError("the node is shutting down", null));
        } catch (Exception e) {
            LOG.warn("control command '{}' failed", command.name(), e);
            last = new ControlLine(null, null, new ControlLine.ControlError(
                    "the node failed to run '" + command.name() + "': " + e, "see the node's log for details"));
        }
        try {
            writeLine(out, last);
        } catch (UncheckedIOException e) {
            LOG.debug("control client went away before the answer to '{}'", command.name());
        }
    }

    private void writeLine(OutputStream out, ControlLine line) {
        try {
            out.write(json.writeValueAsBytes(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        // Constant-time, so the secret cannot be guessed byte by byte from response times.
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        return body.length > MAX_REQUEST_BYTES ? null : body;
    }

    private static void plain(HttpExchange exchange, int code, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops at once: a command still running loses its connection (its client reports so). */
    @Override
    public void close() {
        // stop(n > 0) waits the full n seconds while a client holds an idle keep-alive connection.
        http.stop(0);
        workers.shutdownNow();
    }
}
