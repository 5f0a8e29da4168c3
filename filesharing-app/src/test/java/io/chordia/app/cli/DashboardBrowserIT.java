package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.control.Json;
import io.chordia.app.control.RawHttp;
import io.chordia.app.dashboard.DashboardPage;
import io.chordia.app.node.NodeCommands.LookupReply;
import io.chordia.app.node.NodeSettings;
import io.chordia.app.node.NodeStatus;
import io.chordia.app.node.PeerDaemon;
import io.chordia.routing.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dashboard in a real headless chromium, against real daemons: the page loads without console
 * errors and shows the node's id, a lookup typed into it names the owner {@code chordia lookup}
 * names, by a route of at least one hop; the control port refuses a request without the secret
 * and one naming another host. Leaves screenshots in {@code target/dashboard.png} (Chord) and
 * {@code target/dashboard-kademlia.png}.
 */
class DashboardBrowserIT {
    private static final Path TARGET = Path.of(System.getProperty("chordia.target.dir", "target")).toAbsolutePath();

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void thePageShowsTheNodeAndALookupFromItNamesTheOwnerTheCliNames(Protocol protocol) throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.prepare();
        Path screenshot = TARGET.resolve(protocol == Protocol.CHORD ? "dashboard.png"
                : "dashboard-" + protocol.name().toLowerCase(java.util.Locale.ROOT) + ".png");
        List<PeerDaemon> daemons = new ArrayList<>();
        try {
            PeerDaemon first = PeerDaemon.start(settings(protocol, "a", List.of()));
            daemons.add(first);
            for (String name : List.of("b", "c")) {
                daemons.add(PeerDaemon.start(settings(protocol, name, List.of("127.0.0.1:" + first.self().address().port()))));
            }
            // Until the ring (or the tables) settle, a lookup's owner may change between the CLI's and the page's.
            for (PeerDaemon d : daemons) {
                ChordiaProcesses.awaitEventually("every node knows the other two", () -> d.status().leafSet().size() >= 2);
            }
            if (protocol == Protocol.CHORD) {
                // Three nodes agreeing on one key's owner is not a settled ring: a node whose successor is still
                // the one it knew before the third joined answers keys in the gap from that stale successor, with
                // no message, while a lookup through the others names the newcomer (CI saw exactly that).
                for (PeerDaemon d : daemons) {
                    String next = nextClockwise(d, daemons);
                    ChordiaProcesses.awaitEventually(d.identity().id().shortId() + "'s successor is " + next, () -> {
                        List<NodeStatus.Peer> successors = d.status().shape().successors();
                        return !successors.isEmpty() && successors.get(0).id().equals(next);
                    });
                }
            }
            String dataDir = work.resolve("a").toString();
            InProcessCli cli = new InProcessCli();
            assertThat(cli.run("dashboard", "--data-dir", dataDir)).isZero();
            assertThat(cli.out().strip()).isEqualTo(first.dashboardLink());

            String key = keyOwnedElsewhere(dataDir, first);
            ChordiaProcesses.awaitEventually("the three nodes name one owner for " + key, () -> List.of("a", "b", "c")
                    .stream().map(n -> ownerFrom(work.resolve(n).toString(), key)).distinct().count() == 1);
            LookupReply expected = cliLookup(dataDir, key);
            Files.createDirectories(TARGET);
            Files.deleteIfExists(screenshot);
            HeadlessBrowser.Result run = browser.drive("check-dashboard.mjs", Duration.ofSeconds(60),
                    first.dashboardLink(), key, screenshot.toString());
            assertThat(run.code()).as("the browser script failed: %s", run.err()).isZero();
            JsonNode page = Json.mapper().readTree(run.out().strip().lines().reduce((a, b) -> b).orElseThrow());

            assertThat(page.get("consoleErrors")).as("console errors on the page").isEmpty();
            assertThat(page.get("nodeId").asText()).isEqualTo(first.identity().id().toHex());
            assertThat(page.get("owner").asText()).as("the page's lookup: %s", page.get("lookupFacts"))
                    .isEqualTo(expected.owner());
            List<String> route = new ArrayList<>();
            page.get("route").forEach(hop -> route.add(hop.asText()));
            assertThat(route).hasSizeGreaterThanOrEqualTo(1).last().asString().startsWith(expected.owner());
            assertThat(page.get("routeDots").asInt()).as("this node, then each hop").isEqualTo(route.size() + 1);
            assertThat(page.get("addressBar").asText()).as("the secret left the address bar").doesNotContain("secret");
            assertThat(screenshot).isNotEmptyFile();

            int port = Integer.parseInt(Files.readString(work.resolve("a").resolve("control.port")).strip());
            assertThat(RawHttp.status(RawHttp.exchange(port, "POST /v1/status", "127.0.0.1:" + port, "")))
                    .as("no secret").contains(" 401 ");
            assertThat(RawHttp.status(RawHttp.exchange(port, "GET /", "rebound.example:" + port, "")))
                    .as("another host").contains(" 403 ");
            String page200 = RawHttp.exchange(port, "GET /", "localhost:" + port, "");
            assertThat(page200).startsWith("HTTP/1.1 200 ")
                    .containsIgnoringCase("Content-Security-Policy: " + DashboardPage.CONTENT_SECURITY_POLICY)
                    .containsIgnoringCase("X-Content-Type-Options: nosniff");
        } finally {
            daemons.forEach(PeerDaemon::close);
        }
    }

    /** The id of the node that follows {@code d} on the ring of {@code all}, as hex. */
    private static String nextClockwise(PeerDaemon d, List<PeerDaemon> all) {
        List<String> ids = all.stream().map(p -> p.identity().id().toHex()).sorted().toList();
        String self = d.identity().id().toHex();
        return ids.get((ids.indexOf(self) + 1) % ids.size());
    }

    /** A key another node owns, so the route leaves this node: the first of a few names whose owner is not it. */
    private static String keyOwnedElsewhere(String dataDir, PeerDaemon first) throws IOException {
        for (int i = 0; i < 32; i++) {
            String key = "dashboard-key-" + i;
            LookupReply reply = cliLookup(dataDir, key);
            if (reply.owner() != null && !reply.owner().startsWith(first.identity().id().shortId() + "@")
                    && reply.hops() >= 1) {
                return key;
            }
        }
        throw new AssertionError("none of 32 keys is owned by another of the three nodes: did they join?");
    }

    private static String ownerFrom(String dataDir, String key) {
        try {
            return cliLookup(dataDir, key).owner();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LookupReply cliLookup(String dataDir, String key) throws IOException {
        InProcessCli cli = new InProcessCli();
        assertThat(cli.run("lookup", "--json", "--data-dir", dataDir, key)).as(cli.err()).isZero();
        return Json.mapper().readValue(cli.out(), LookupReply.class);
    }

    private NodeSettings settings(Protocol protocol, String name, List<String> bootstrap) {
        return NodeSettings.defaults().withHost("127.0.0.1").withPort(0).withProtocol(protocol)
                .withBootstrap(bootstrap).withDataDir(work.resolve(name));
    }
}
