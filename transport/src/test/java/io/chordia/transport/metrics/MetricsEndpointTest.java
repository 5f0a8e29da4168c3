package io.chordia.transport.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What a scraper and a health check see, over real HTTP on 127.0.0.1. */
class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheSharedNamesWithValuesReadAtScrapeTime() throws Exception {
        TransportStats traffic = new TransportStats();
        NodeMetrics metrics = NodeMetrics.create("ab".repeat(20), "chord", "node").traffic(() -> traffic)
                .counter("chordia_example_total", "an example", () -> 7);
        traffic.recordReceived(100);
        traffic.recordReceived(50);
        traffic.recordDropped(DropReason.MALFORMED);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics.registry(), () -> true)) {
            HttpResponse<String> scrape = get(endpoint, "/metrics");

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains("# TYPE chordia_datagrams_received_total counter")
                    .containsPattern("(?m)^chordia_datagrams_received_total 2(\\.0)?$")
                    .containsPattern("(?m)^chordia_bytes_received_total 150(\\.0)?$")
                    .containsPattern("(?m)^chordia_datagrams_dropped_total\\{reason=\"malformed\"} 1(\\.0)?$")
                    .as("drops only a simulation has are not listed").doesNotContain("reason=\"partitioned\"")
                    .containsPattern("(?m)^chordia_example_total 7(\\.0)?$")
                    .contains("chordia_node_info{node=\"" + "ab".repeat(20) + "\",protocol=\"chord\",role=\"node\"} 1")
                    .contains("jvm_memory_used_bytes").contains("process_cpu_seconds_total");

            traffic.recordReceived(1);
            assertThat(get(endpoint, "/metrics").body()).containsPattern("(?m)^chordia_datagrams_received_total 3(\\.0)?$");
        }
    }

    @Test
    void healthFollowsTheNodeAndOtherPathsAreAnIndexOrNotFound() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(true);
        NodeMetrics metrics = NodeMetrics.create("00".repeat(20), "kademlia", "bootstrap");
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics.registry(), healthy::get)) {
            assertThat(get(endpoint, "/health").statusCode()).isEqualTo(200);
            assertThat(get(endpoint, "/health").body()).isEqualTo("ok\n");
            healthy.set(false);
            assertThat(get(endpoint, "/health").statusCode()).isEqualTo(503);
            assertThat(get(endpoint, "/").statusCode()).isEqualTo(200);
            assertThat(get(endpoint, "/").body()).contains("/metrics");
            assertThat(get(endpoint, "/nothing").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(endpoint, "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aPortInUseOrAForeignAddressIsABindExceptionThatSaysWhich() throws Exception {
        NodeMetrics metrics = NodeMetrics.create("00".repeat(20), "chord", "node");
        try (MetricsEndpoint first = MetricsEndpoint.start("127.0.0.1", 0, metrics.registry(), () -> true)) {
            assertThatThrownBy(() -> MetricsEndpoint.start("127.0.0.1", first.port(), metrics.registry(), () -> true))
                    .isInstanceOf(BindException.class).hasMessageContaining("is in use");
        }
        assertThatThrownBy(() -> MetricsEndpoint.start("192.0.2.1", 0, metrics.registry(), () -> true))
                .isInstanceOf(BindException.class).hasMessageContaining("not an address of this machine");
    }

    private HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(endpoint, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(MetricsEndpoint endpoint, String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }
}
