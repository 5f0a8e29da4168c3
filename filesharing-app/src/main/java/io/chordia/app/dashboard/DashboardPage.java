package io.chordia.app.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's static files (one page, one script, one style sheet, from the classpath), and
 * the headers every answer of the control port carries. The files hold no secret, so they are
 * served without one; the data the page shows comes from the control verbs, which need it.
 */
public final class DashboardPage {
    /**
     * Only this origin's own files run, connect and style; nothing loads from elsewhere (the node
     * may have no internet), no plugin, no framing (clickjacking), no form posts elsewhere. The
     * favicon is the empty {@code data:} image, so the browser does not ask for /favicon.ico.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, StaticFile> FILES = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/dashboard.js", load("dashboard.js", "text/javascript; charset=utf-8"),
            "/dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));

    private record StaticFile(byte[] bytes, String type) {}

    private DashboardPage() {}

    /** Whether {@code path} is one of the dashboard's files. */
    public static boolean serves(String path) {
        return FILES.containsKey(path);
    }

    /** Answers a GET for one of the dashboard's files ({@link #serves} said yes). */
    public static void serve(HttpExchange exchange) throws IOException {
        StaticFile file = FILES.get(exchange.getRequestURI().getPath());
        exchange.getResponseHeaders().set("Content-Type", file.type());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, file.bytes().length);
        exchange.getResponseBody().write(file.bytes());
    }

    /** What every answer of the control port carries, the control verbs' too. */
    public static void secure(Headers headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }

    /**
     * Whether a request named this server in its Host header. A page on another site can point
     * its own name at 127.0.0.1 (DNS rebinding) and then read this port as same-origin; its
     * requests still carry that other name, so only our loopback names are let through.
     */
    public static boolean hostAllowed(String host, int port) {
        return host != null && (host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port));
    }

    private static StaticFile load(String name, String type) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the classpath");
            }
            return new StaticFile(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
