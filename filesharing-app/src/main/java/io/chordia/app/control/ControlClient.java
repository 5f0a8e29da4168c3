package io.chordia.app.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chordia.app.UserFacingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Calls a node's {@link ControlServer}. A connection refused means no node is listening (it was
 * stopped, or killed and left its port file behind): the caller gets {@link NodeNotRunningException}.
 */
public final class ControlClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
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
        HttpRequest post = HttpRequest.newBuilder(base.resolve(name))
                .timeout(timeout)
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                .build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new NodeNotRunningException("nothing listens on " + base, e);
        } catch (HttpTimeoutException e) {
            throw new IOException("the node did not answer '" + name + "' within " + timeout.toSeconds() + " s", e);
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IOException("the node refused '" + name + "' (HTTP " + response.statusCode() + "): "
                        + lines.readLine());
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
