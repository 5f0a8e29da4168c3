package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.routing.Protocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a scrape of a real daemon shows after it was asked for a put, a get and a lookup: the
 * latency histograms count each, the storage layer's outcome counters agree, and the shared
 * names carry the traffic.
 */
class DaemonMetricsIT {
    @TempDir
    Path work;

    @ParameterizedTest
    // Over KRPC (mainline) the daemon carries no Kryo-only requests (store, get, recursive lookup): MainlineDaemonIT.
    @EnumSource(value = Protocol.class, names = "MAINLINE", mode = EnumSource.Mode.EXCLUDE)
    void aPutAGetAndALookupAreCountedInTheHistogramsAndTheOutcomeCounters(Protocol protocol) throws Exception {
        try (PeerDaemon first = PeerDaemon.start(settings(protocol, "a", List.of()).withMetricsPort(0));
             PeerDaemon second = PeerDaemon.start(settings(protocol, "b",
                     List.of("127.0.0.1:" + first.self().address().port())))) {
            String key = NodeId.sha1Of("alice.txt").toHex(); // what the client sends for a name
            NodeCommands.PutReply put = NodeCommands.put(first, new NodeCommands.PutRequest(key, "notes", 0));
            assertThat(put.status()).isEqualTo("OK");
            assertThat(NodeCommands.get(first, new NodeCommands.GetRequest(key)).status()).isEqualTo("FOUND");
            assertThat(NodeCommands.lookup(first, new NodeCommands.LookupRequest(key, "iterative")).status())
                    .isEqualTo("OK");

            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + first.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            assertThat(scrape)
                    .containsPattern("(?m)^chordia_put_seconds_count\\{result=\"ok\"} 1$")
                    .containsPattern("(?m)^chordia_get_seconds_count\\{result=\"found\"} 1$")
                    .containsPattern("(?m)^chordia_lookup_seconds_count\\{(result=\"ok\",style=\"iterative\"|style=\"iterative\",result=\"ok\")} 1$")
                    .containsPattern("(?m)^chordia_lookup_hops_count\\{style=\"iterative\"} 1$")
                    .containsPattern("(?m)^chordia_puts_total\\{result=\"ok\"} [1-9]")
                    .containsPattern("(?m)^chordia_gets_total\\{result=\"found\"} [1-9]")
                    .containsPattern("(?m)^chordia_datagrams_received_total [1-9]")
                    .containsPattern("(?m)^chordia_guard_verified_peers [1-9]")
                    .containsPattern("(?m)^chordia_fetches_active 0(\\.0)?$");
        }
    }

    private NodeSettings settings(Protocol protocol, String name, List<String> bootstrap) {
        return NodeSettings.defaults().withHost("127.0.0.1").withPort(0).withProtocol(protocol)
                .withBootstrap(bootstrap).withDataDir(work.resolve(name));
    }
}
