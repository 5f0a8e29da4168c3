package io.chordia.app.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.UserFacingException;
import io.chordia.app.dashboard.DashboardPage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Echo(String text) {}

    record Counted(int steps) {}

    record Step(int step, int of) {}

    record WrongCount(String steps) {}

    private final ControlRegistry registry = new ControlRegistry()
            .register(new SimpleCommand<>("echo", Echo.class, (q, p) -> new Echo(q.text().toUpperCase())))
            .register(new SimpleCommand<>("count", Counted.class, (q, p) -> {
                for (int i = 1; i <= q.steps(); i++) {
                    p.report(new Step(i, q.steps()));
                }
                return new Echo("counted " + q.steps());
            }))
            .register(new SimpleCommand<>("refuse", Echo.class, (q, p) -> {
                throw new UserFacingException("no " + q.text(), "ask for something else");
            }))
            .register(new SimpleCommand<>("crash", Echo.class, (q, p) -> {
                throw new IllegalStateException("boom");
            }));
    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ControlClient start() throws IOException {
        server = ControlServer.start(registry, SECRET, 0);
        return new ControlClient(server.port(), SECRET);
    }

    @Test
    void aTypedRequestGetsItsTypedResult() throws Exception {
        ControlClient client = start();
        assertThat(client.call("echo", new Echo("hello"), Echo.class, TIMEOUT, p -> { })).isEqualTo(new Echo("HELLO"));
    }

    @Test
    void progressLinesArriveInOrderBeforeTheResult() throws Exception {
        ControlClient client = start();
        List<JsonNode> progress = new ArrayList<>();
        Echo result = client.call("count", new Counted(3), Echo.class, TIMEOUT, progress::add);
        assertThat(result.text()).isEqualTo("counted 3");
        assertThat(progress).extracting(n -> n.get("step").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void aUserFacingErrorCrossesTheChannelWithItsHint() throws Exception {
        ControlClient client = start();
        assertThatThrownBy(() -> client.call("refuse", new Echo("cake"), Echo.class, TIMEOUT, p -> { }))
                .isInstanceOf(UserFacingException.class).hasMessage("no cake")
                .extracting(e -> ((UserFacingException) e).hint()).isEqualTo("ask for something else");
    }

    @Test
    void anUnexpectedFailureIsReportedNotThrownAtTheServer() throws Exception {
        ControlClient client = start();
        assertThatThrownBy(() -> client.call("crash", new Echo("x"), Echo.class, TIMEOUT, p -> { }))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("boom");
        // The server still serves.
        assertThat(client.call("echo", new Echo("after"), Echo.class, TIMEOUT, p -> { }).text()).isEqualTo("AFTER");
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        start();
        ControlClient intruder = new ControlClient(server.port(), SECRET.replace('0', '1'));
        assertThatThrownBy(() -> intruder.call("echo", new Echo("x"), Echo.class, TIMEOUT, p -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 401");
    }

    @Test
    void theDashboardIsServedWithoutTheSecretButItsDataIsNot() throws Exception {
        start();
        String host = "127.0.0.1:" + server.port();
        String page = RawHttp.exchange(server.port(), "GET /", host, "");
        assertThat(RawHttp.status(page)).contains(" 200 ");
        assertThat(page).containsIgnoringCase("Content-Security-Policy: " + DashboardPage.CONTENT_SECURITY_POLICY)
                .containsIgnoringCase("X-Content-Type-Options: nosniff").contains("<title>Chordia node</title>");
        assertThat(RawHttp.status(RawHttp.exchange(server.port(), "GET /dashboard.js", host, ""))).contains(" 200 ");
        assertThat(RawHttp.status(RawHttp.exchange(server.port(), "POST /v1/echo", host, ""))).contains(" 401 ");
        assertThat(RawHttp.status(RawHttp.exchange(server.port(), "GET /elsewhere", host, ""))).contains(" 401 ");
    }

    @Test
    void aRequestNamingAnotherHostIsRefusedEvenWithTheSecret() throws Exception {
        start();
        String auth = "Authorization: Bearer " + SECRET + "\r\n";
        String rebound = RawHttp.exchange(server.port(), "POST /v1/count", "attacker.example:" + server.port(), auth);
        assertThat(RawHttp.status(rebound)).contains(" 403 ");
        assertThat(RawHttp.exchange(server.port(), "POST /v1/count", "localhost:" + server.port(), auth))
                .contains("\"result\"");
        assertThat(RawHttp.status(RawHttp.exchange(server.port(), "GET /", "attacker.example:" + server.port(), "")))
                .contains(" 403 ");
    }

    @Test
    void unknownCommandsAndOversizeBodiesAreRefused() throws Exception {
        ControlClient client = start();
        assertThatThrownBy(() -> client.call("nope", new Echo("x"), Echo.class, TIMEOUT, p -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 404").hasMessageContaining("echo");
        HttpResponse<String> big = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/echo"))
                .header("Authorization", "Bearer " + SECRET)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ControlServer.MAX_REQUEST_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    void aMalformedRequestIsAnErrorLine() throws Exception {
        ControlClient client = start();
        assertThatThrownBy(() -> client.call("count", new WrongCount("many"), Echo.class, TIMEOUT, p -> { }))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("malformed 'count' request");
    }

    @Test
    void nothingListeningMeansTheNodeIsNotRunning() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ControlClient client = new ControlClient(port, SECRET);
        assertThatThrownBy(() -> client.call("echo", new Echo("x"), Echo.class, TIMEOUT, p -> { }))
                .isInstanceOf(ControlClient.NodeNotRunningException.class);
    }

    @Test
    void namesAreCheckedAndUnique() {
        assertThatThrownBy(() -> registry.register(new SimpleCommand<>("echo", Echo.class, (q, p) -> q)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new ControlRegistry().register(new SimpleCommand<>("Bad/Name", Echo.class, (q, p) -> q)))
                .hasMessageContaining("lower case");
    }

    /** A command from a lambda. */
    record SimpleCommand<Q, A>(String name, Class<Q> requestType, Body<Q, A> body) implements ControlCommand<Q, A> {
        interface Body<Q, A> {
            A run(Q request, Progress progress) throws Exception;
        }

        @Override
        public A handle(Q request, Progress progress) throws Exception {
            return body.run(request, progress);
        }
    }
}
