package io.chordia.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.control.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The partition-and-heal scenario on a {@link LabCluster}: the hosts split in two (for five:
 * {1,2,3} | {4,5}, so the bootstrap node is on the larger side), writes go on through the daemons
 * on both sides, then the network heals. {@link #check} tells what is still wrong: values not read
 * from some host, lookups that disagree with Chord's owner. Shared by {@code MultiHostLabIT},
 * which asserts that it converges, and {@code PartitionBenchmark}, which times it.
 *
 * <p>Commands on different hosts run in parallel (one thread per host, each on its host's
 * resident command line), so a round of checks costs what one host's share of it costs.
 */
final class PartitionScenario implements AutoCloseable {
    /** A put and whether the DHT acknowledged it (exit 0: stored on a write quorum). */
    record Write(String key, String value, LabHost via, boolean acknowledged, String detail) {}

    /** One round of checks: what failed, and the lookups' tally. */
    record Check(List<String> problems, int lookups, int lookupsAnswered, int lookupsCorrect, int reads, int readsOk) {
        boolean converged() {
            return problems.isEmpty();
        }
    }

    private final LabNetwork lab;
    private final LabCluster cluster;
    private final Set<Integer> left = new TreeSet<>();
    private final Set<Integer> right = new TreeSet<>();
    private final ExecutorService perHost;
    private volatile boolean partitioned;

    PartitionScenario(LabNetwork lab, LabCluster cluster) {
        this.lab = lab;
        this.cluster = cluster;
        int hosts = lab.hosts().size();
        if (hosts < 5) {
            throw new IllegalArgumentException("two daemons on each side need 5 hosts: " + hosts);
        }
        for (LabHost h : lab.hosts()) {
            (h.number() <= hosts - hosts / 2 ? left : right).add(h.number());
        }
        perHost = Executors.newFixedThreadPool(hosts);
    }

    Set<Integer> left() {
        return left;
    }

    Set<Integer> right() {
        return right;
    }

    void partition() throws IOException {
        lab.relay().partition(left, right);
        partitioned = true;
    }

    void heal() throws IOException {
        lab.relay().heal();
        partitioned = false;
    }

    /** Chord's owner of {@code key} as {@code h} should see it: in the ring of its side while partitioned. */
    private String expectedOwner(LabHost h, String key) {
        if (!partitioned) {
            return cluster.expectedOwner(key);
        }
        return cluster.expectedOwner(key, left.contains(h.number()) ? left : right);
    }

    /** The side of the partition {@code h} is on: "left" or "right". */
    String sideOf(LabHost h) {
        return left.contains(h.number()) ? "left" : "right";
    }

    /**
     * Writes one key through every daemon at once (in parallel): key {@code LABEL-hN}, a value
     * naming the host. While partitioned, that is writes on both sides.
     */
    List<Write> writeThroughEveryDaemon(String label) throws Exception {
        List<Future<Write>> pending = new ArrayList<>();
        for (LabHost h : cluster.daemonHosts()) {
            pending.add(perHost.submit(() -> {
                String key = label + "-h" + h.number();
                String value = key + " written through " + h;
                Result r = cluster.cli(h, "put", key, value);
                return new Write(key, value, h, r.exit() == 0, SystemCommands.oneLine(r.exit() == 0 ? r.out() : r.err()));
            }));
        }
        List<Write> done = new ArrayList<>();
        for (Future<Write> f : pending) {
            done.add(f.get());
        }
        return done;
    }

    /**
     * From every daemon: get every value in {@code mustRead} and look up every key in
     * {@code owners}; a problem for each read that does not return the value and each lookup that
     * does not name Chord's owner: among all the lab's nodes, or while partitioned among the nodes
     * on the asking host's side.
     */
    Check check(List<Write> mustRead, List<String> owners) throws Exception {
        List<Future<Check>> pending = new ArrayList<>();
        for (LabHost h : cluster.daemonHosts()) {
            pending.add(perHost.submit(() -> checkFrom(h, mustRead, owners)));
        }
        List<String> problems = new ArrayList<>();
        int lookups = 0;
        int answered = 0;
        int correct = 0;
        int reads = 0;
        int readsOk = 0;
        for (Future<Check> f : pending) {
            Check c = f.get();
            problems.addAll(c.problems());
            lookups += c.lookups();
            answered += c.lookupsAnswered();
            correct += c.lookupsCorrect();
            reads += c.reads();
            readsOk += c.readsOk();
        }
        return new Check(problems, lookups, answered, correct, reads, readsOk);
    }

    private Check checkFrom(LabHost h, List<Write> mustRead, List<String> owners) throws Exception {
        List<String> problems = new ArrayList<>();
        int readsOk = 0;
        for (Write w : mustRead) {
            Result r = cluster.cli(h, "get", w.key());
            if (r.exit() == 0 && r.out().equals(w.value() + "\n")) {
                readsOk++;
            } else {
                problems.add("get " + w.key() + " on " + h + ": " + SystemCommands.oneLine(r.exit() == 0 ? "read '" + r.out() + "'" : r.err()));
            }
        }
        int answered = 0;
        int correct = 0;
        for (String key : owners) {
            Result r = cluster.cli(h, "lookup", key, "--json");
            String expected = expectedOwner(h, key);
            if (r.exit() != 0) {
                problems.add("lookup " + key + " on " + h + " failed: " + SystemCommands.oneLine(r.err()));
                continue;
            }
            answered++;
            JsonNode reply = Json.mapper().readTree(r.out());
            if (expected.equals(reply.get("owner").asText())) {
                correct++;
            } else {
                problems.add("lookup " + key + " on " + h + " names " + reply.get("owner").asText() + ", Chord's owner is " + expected);
            }
        }
        return new Check(problems, owners.size(), answered, correct, mustRead.size(), readsOk);
    }

    @Override
    public void close() {
        perHost.shutdownNow();
    }
}
