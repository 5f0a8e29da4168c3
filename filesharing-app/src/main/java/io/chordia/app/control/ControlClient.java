package io.chordia.app.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chordia.app.UserFacingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Calls a node's {@link ControlServer}. A connection refused means no node is listening (it was
 * stopped, or killed and left its port file behind): the caller gets {@link NodeNotRunningException}.
 *
 * <p>Over {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the latter sets up TLS
 * even for plain HTTP, a few hundred classes that made up a fifth of a client command's start.
 */
public final class ControlClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final URI base;
    private final String secret;
    private final ObjectMapper json = Json.mapper();

    public ControlClient(int port, String secret) {
        this.base = URI.create("http://127.0.0.1:" + port + "/v1/");
        this.secret = secret;
    }

    /** The dashboard's login link for this node. */
    public String dashboardLink() {
        return io.chordia.app.dashboard.DashboardLink.of(base.getPort(), secret);
    }

    /** No node answers on the control port. */
    public static final class NodeNotRunningException extends IOException {
        private static final long serialVersionUID = 1L;

        NodeNotRunningException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends {@code request} to command {@code name} and waits up to {@code timeout} for the
     * answer, passing progress lines to {@code progress} as they arrive.
     *
     * @throws UserFacingException     the node answered with an error (its message and hint)
     * @throws NodeNotRunningException nothing listens on the control port
     */
    public <A> A call(String name, Object request, Class<A> resultType, Duration timeout, Consumer<JsonNode> progress)
            throws IOException, InterruptedException {
        HttpURLConnection http = (HttpURLConnection) base.resolve(name).toURL().openConnection();
        try {
            http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            // Between any two reads, so a long command's progress lines keep it waiting.
            http.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            http.setRequestMethod("POST");
            http.setRequestProperty("Authorization", "Bearer " + secret);
            http.setRequestProperty("Content-Type", "application/json");
            byte[] body = json.writeValueAsBytes(request);
            http.setFixedLengthStreamingMode(body.length); // streamed, so never silently re-sent
            http.setDoOutput(true);
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            } catch (ConnectException e) {
                throw new NodeNotRunningException("nothing listens on " + base, e);
            }
            return answer(http, name, resultType, progress);
        } catch (SocketTimeoutException e) {
            throw new IOException("the node did not answer '" + name + "' within " + timeout.toSeconds() + " s", e);
        } finally {
            http.disconnect();
        }
    }

    private <A> A answer(HttpURLConnection http, String name, Class<A> resultType, Consumer<JsonNode> progress)
            throws IOException {
        int status = http.getResponseCode();
        InputStream body = status == 200 ? http.getInputStream() : http.getErrorStream();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                body == null ? InputStream.nullInputStream() : body, StandardCharsets.UTF_8))) {
            if (status != 200) {
                throw new IOException("the node refused '" + name + "' (HTTP " + status + "): " + lines.readLine());
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                ControlLine parsed = json.readValue(line, ControlLine.class);
                if (parsed.progress() != null) {
                    progress.accept(parsed.progress());
                } else if (parsed.error() != null) {
                    throw new UserFacingException(parsed.error().message(), parsed.error().hint());
                } else if (parsed.result() != null) {
                    return json.treeToValue(parsed.result(), resultType);
                }
            }
        }
        throw new IOException("the node closed the control connection before answering '" + name + "'");
    }
}
