package io.chordia.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.control.Json;
import io.chordia.app.share.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * Chordia across hosts: five network namespaces on this machine (10.77.1.2 .. 10.77.5.2), the
 * bootstrap node on host 1 and a daemon on each of hosts 2..5, all real processes, every packet
 * between hosts delayed 20 ± 5 ms and 1 % of them lost by the lab's relay. Needs root (CI has
 * it); without it every test here fails with one line saying why. The lab: docs/lab.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiHostLabIT {
    private static final int HOSTS = 5;
    private static final Duration PARTITION = Duration.ofSeconds(60);
    private static final Duration WRITE_EVERY = Duration.ofSeconds(10);
    private static final Duration HEAL_DEADLINE = Duration.ofSeconds(60);

    private Path work;

    private LabNetwork lab;
    private LabCluster cluster;

    @BeforeAll
    void buildLab() throws Exception {
        work = LabCluster.keptWorkDirectory(getClass().getSimpleName());
        lab = LabNetwork.create(HOSTS, 13, work);
    }

    @AfterAll
    void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void startCluster(TestInfo test) throws Exception {
        lab.relay().heal();
        lab.relay().linkAll(LinkProfile.WIDE_AREA);
        cluster = LabCluster.start(lab, Files.createDirectories(work.resolve(test.getTestMethod().orElseThrow().getName())));
    }

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private LabHost host(int number) {
        return lab.host(number);
    }

    private String ownerFrom(LabHost h, String key) throws Exception {
        Result r = cluster.run(h, "lookup", key, "--json");
        assertThat(r.exit()).as("lookup %s on %s: %s", key, h, r.err()).isZero();
        return Json.mapper().readTree(r.out()).get("owner").asText();
    }

    @Test
    void putGetLookupShareAndFetchAcrossHosts() throws Exception {
        Result put = cluster.run(host(2), "put", "lab-greeting", "hello from h2");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.out()).startsWith("stored ");
        for (LabHost h : List.of(host(3), host(4), host(5))) {
            Result got = cluster.run(h, "get", "lab-greeting");
            assertThat(got.exit()).as("get on %s: %s", h, got.err()).isZero();
            assertThat(got.out()).isEqualTo("hello from h2\n");
        }
        for (LabHost h : cluster.daemonHosts()) {
            assertThat(ownerFrom(h, "lab-greeting")).as("owner seen from %s", h).isEqualTo(cluster.expectedOwner("lab-greeting"));
        }

        Path original = SampleFiles.random(work.resolve("shared").resolve("lab.bin"), 2 << 20, 13);
        Result shared = cluster.run(host(3), "share", original.toString());
        assertThat(shared.exit()).as(shared.err()).isZero();
        String link = shared.out().strip();
        assertThat(link).startsWith("chordia:").contains("lab.bin");
        Path out = work.resolve("fetched-on-h5");
        Result fetched = cluster.run(host(5), "fetch", link, "-o", out.toString());
        assertThat(fetched.exit()).as("%s%s", fetched.err(), cluster.daemon(host(5)).output()).isZero();
        assertThat(SampleFiles.sha256(out.resolve("lab.bin"))).isEqualTo(SampleFiles.sha256(original));
    }

    @Test
    void aKilledReplicaHolderTakesNoValueAlongAndRejoinsWhenRestarted() throws Exception {
        Result put = cluster.run(host(2), "put", "lab-survivor", "still here");
        assertThat(put.exit()).as(put.err()).isZero();
        LabHost victim = cluster.daemonHosts().stream()
                .filter(h -> !h.equals(host(2)) && put.out().contains(cluster.describe(h)))
                .findFirst().orElseThrow(() -> new AssertionError("no replica on h3..h5: " + put.out()));
        String victimId = cluster.id(victim).toHex();

        cluster.kill(victim);
        for (LabHost h : cluster.daemonHosts()) {
            if (!h.equals(victim)) {
                Result got = cluster.run(h, "get", "lab-survivor");
                assertThat(got.exit()).as("get on %s with %s killed: %s", h, victim, got.err()).isZero();
                assertThat(got.out()).isEqualTo("still here\n");
            }
        }

        cluster.restart(victim);
        JsonNode again = cluster.status(victim);
        assertThat(again.get("nodeId").asText()).isEqualTo(victimId);
        assertThat(again.get("storedRecords").asInt()).as("its records survived SIGKILL").isGreaterThanOrEqualTo(1);
        for (LabHost h : cluster.daemonHosts()) {
            ChordiaProcesses.awaitEventually(h + " knows every node again, the restarted one too", () -> cluster.knowsEveryone(h));
        }
        Result got = cluster.run(victim, "get", "lab-survivor");
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(got.out()).isEqualTo("still here\n");
    }

    /**
     * A write through every daemon every 10 s while the network is split, so on both sides; after
     * heal the two Chord rings that formed while apart must become one again (the routing module's
     * partition healing) and the values written on either side must be read from both.
     */
    @Test
    void writesOnBothSidesOfAPartitionAreReadEverywhereAfterHeal() throws Exception {
        try (PartitionScenario scenario = new PartitionScenario(lab, cluster)) {
            List<PartitionScenario.Write> writes = new ArrayList<>(scenario.writeThroughEveryDaemon("before"));
            assertThat(writes).allMatch(PartitionScenario.Write::acknowledged);

            scenario.partition();
            long start = System.nanoTime();
            for (int round = 1; System.nanoTime() - start < PARTITION.toNanos(); round++) {
                long roundStart = System.nanoTime();
                writes.addAll(scenario.writeThroughEveryDaemon("during-" + round));
                Thread.sleep(Math.max(0, WRITE_EVERY.toMillis() - (System.nanoTime() - roundStart) / 1_000_000));
            }
            List<PartitionScenario.Write> acknowledged = writes.stream().filter(PartitionScenario.Write::acknowledged).toList();
            for (String side : List.of("left", "right")) {
                // Each side keeps two storing daemons, enough for W = 2: a side that accepts no write
                // leaves nothing of its own for the heal to reconcile.
                assertThat(acknowledged).as("writes acknowledged on the %s side during the partition, of: %s", side, writes)
                        .anyMatch(w -> w.key().startsWith("during-") && scenario.sideOf(w.via()).equals(side));
            }

            scenario.heal();
            List<String> keys = writes.stream().map(PartitionScenario.Write::key).toList();
            long healed = System.nanoTime();
            PartitionScenario.Check last = scenario.check(acknowledged, keys);
            while (!last.converged() && System.nanoTime() - healed < HEAL_DEADLINE.toNanos()) {
                Thread.sleep(1000);
                last = scenario.check(acknowledged, keys);
            }
            assertThat(last.problems()).as("%d s after heal; writes: %s; daemon logs: %s",
                    HEAL_DEADLINE.toSeconds(), writes, cluster.outputs()).isEmpty();
        }
    }
}
