package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code chordia put} says on networks smaller than the three replicas a value should have,
 * with real daemons: one node, two, three; then, with two of the three frozen (SIGSTOP), a put
 * that misses its quorum says exactly which node holds the value and which did not store it.
 */
class SmallNetworkPutIT extends ProcessesFixture {
    private Result put(Daemon via, String key, String value) throws Exception {
        return cli.run("put", key, value, "--data-dir", via.dataDir().toString());
    }

    private Result get(Daemon via, String key) throws Exception {
        return cli.run("get", key, "--data-dir", via.dataDir().toString());
    }

    private String describe(Daemon d) throws Exception {
        var status = cli.status(d);
        return status.get("nodeId").asText().substring(0, 8) + "@" + status.get("address").asText();
    }

    private static void signal(Daemon d, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(d.process().pid())).start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    void putsSayHowManyReplicasHoldTheValueAndAFailedPutSaysWhere() throws Exception {
        int firstPort = ChordiaProcesses.freePort();
        List<Daemon> nodes = new ArrayList<>();
        nodes.add(cli.startNode(work.resolve("n0"), "--port", String.valueOf(firstPort)));

        Result alone = put(nodes.get(0), "alone", "one node");
        assertThat(alone.exit()).as(alone.err()).isZero();
        assertThat(alone.out()).startsWith("stored ").contains(" on 1 of 3 replicas (only 1 node known): "
                + describe(nodes.get(0)));
        assertThat(alone.err()).isEqualTo("chordia: warning: 1 copy of the 3 wanted; it is lost if that node is;"
                + " repair adds copies as nodes join or answer again\n");
        assertThat(get(nodes.get(0), "alone").out()).isEqualTo("one node\n");

        for (int n = 2; n <= 3; n++) {
            nodes.add(cli.startNode(work.resolve("n" + (n - 1)), "--port", String.valueOf(ChordiaProcesses.freePort()),
                    "--bootstrap", "127.0.0.1:" + firstPort));
            int others = n - 1;
            for (Daemon d : nodes) {
                ChordiaProcesses.awaitEventually("every node knows the " + others + " others",
                        () -> cli.status(d).get("leafSet").size() >= others);
            }
            Result r = put(nodes.get(n - 1), "with " + n, n + " nodes");
            assertThat(r.exit()).as(r.err()).isZero();
            if (n == 2) {
                assertThat(r.out()).contains(" on 2 of 3 replicas (only 2 nodes known): ");
                assertThat(r.err()).startsWith("chordia: warning: 2 copies of the 3 wanted; it is lost if those nodes are;");
            } else {
                assertThat(r.out()).contains(" on 3 of 3 replicas: ");
                assertThat(r.err()).isEmpty();
            }
            for (Daemon reader : nodes) {
                Result got = get(reader, "with " + n);
                assertThat(got.exit()).as(got.err()).isZero();
                assertThat(got.out()).isEqualTo(n + " nodes\n");
            }
        }

        // Freeze the two others: a put through the first of a key it owns (its own id) reaches
        // only itself, which stores it, and misses the quorum of 2.
        Daemon writer = nodes.get(0);
        String writerId = cli.status(writer).get("nodeId").asText();
        String holder = describe(writer);
        List<String> frozen = List.of(describe(nodes.get(1)), describe(nodes.get(2)));
        signal(nodes.get(1), "STOP");
        signal(nodes.get(2), "STOP");
        Result failed = put(writer, writerId, "only here");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        String[] lines = failed.err().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("chordia: could not store " + writerId + ": only 1 of the 2 replicas needed stored it ("
                + holder + "; ").contains(frozen.get(0), frozen.get(1)).endsWith(" did not)");
        assertThat(lines[1]).isEqualTo("  the value is held there only and may be lost: put it again when the others answer");
        signal(nodes.get(1), "CONT");
        signal(nodes.get(2), "CONT");
    }
}
