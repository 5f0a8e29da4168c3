package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A lost key says whether its data is gone ({@code keysNotHeld}) or only its read failed ({@code keysUnreadable}). */
class KeysLostSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Nine in ten nodes crash at once with one copy of each key: the data is gone, and the summary says so. */
    @Test
    void keysHeldByNoLiveNodeAreToldFromReadsThatFailed() throws Exception {
        SimRun run = SimRun.of("--protocol", "kademlia", "--seed", "1", "--nodes", "40", "--keys", "200", "--replicas", "1",
                "--fail-fraction", "0.9", "--duration", "2m", "--lookups", "0", "--no-byte-count", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        assertThat(s.get("keysNotHeld").asLong()).as("%s", s).isPositive();
        assertThat(s.get("keysNotHeld").asLong() + s.get("keysUnreadable").asLong()).as("%s", s)
                .isEqualTo(s.get("keysLost").asLong());
    }

    @Test
    void withoutChurnNothingIsLostEitherWay() throws Exception {
        SimRun run = SimRun.of("--protocol", "kademlia", "--seed", "1", "--nodes", "40", "--keys", "200", "--duration", "1m",
                "--lookups", "0", "--no-byte-count", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        assertThat(s.get("keysLost").asLong()).as("%s", s).isZero();
        assertThat(s.get("keysNotHeld").asLong()).as("%s", s).isZero();
        assertThat(s.get("keysUnreadable").asLong()).as("%s", s).isZero();
    }

    /** The census names each lost key and tells that its holders died: it catches the loss the summary counts. */
    @Test
    void theKeyCensusTellsEachLostKeysHistory() throws Exception {
        SimRun run = SimRun.of("--protocol", "kademlia", "--seed", "1", "--nodes", "40", "--keys", "200", "--replicas", "1",
                "--fail-fraction", "0.9", "--duration", "2m", "--lookups", "0", "--no-byte-count", "--key-census", "5s",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out());
        long lostKeys = run.err().lines().filter(line -> line.startsWith("lost key ")).count();
        assertThat(lostKeys).as(run.err()).isEqualTo(s.get("keysLost").asLong()).isPositive();
        assertThat(run.err()).contains("census: restored").contains(" died");
    }

    @Test
    void withoutTheOptionThereIsNoCensus() throws Exception {
        SimRun run = SimRun.of("--protocol", "kademlia", "--seed", "1", "--nodes", "40", "--keys", "200", "--replicas", "1",
                "--fail-fraction", "0.9", "--duration", "2m", "--lookups", "0", "--no-byte-count", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("census:").doesNotContain("lost key");
    }

    @Test
    void aCensusPeriodOfZeroIsAUsageError() {
        SimRun run = SimRun.of("--nodes", "4", "--keys", "10", "--key-census", "0s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--key-census must be positive");
    }
}
