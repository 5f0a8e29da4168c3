package io.chordia.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.cli.ResidentCli;
import io.chordia.app.control.Json;
import io.chordia.app.node.Keys;
import io.chordia.app.share.SampleFiles;
import io.chordia.core.id.NodeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Chord network on the lab: {@code chordia bootstrap} on host 1 and a {@code chordia node}
 * daemon on every other host, each a real process in its host's namespace on port 4000 of the
 * host's own address. Client commands run in the namespace of the daemon they talk to (the
 * control channel is on that host's 127.0.0.1): one-shot processes through {@link #run}, or the
 * host's resident command line through {@link #cli}. {@link #close()} kills every process.
 */
public final class LabCluster implements AutoCloseable {
    public static final int PORT = 4000;

    private final LabNetwork lab;
    private final Path work;
    private final Map<LabHost, ChordiaProcesses> processes = new LinkedHashMap<>();
    private final Map<LabHost, ResidentCli> clis = new LinkedHashMap<>();
    private final Map<LabHost, Daemon> daemons = new LinkedHashMap<>();
    private final Map<LabHost, NodeId> ids = new LinkedHashMap<>();

    private LabCluster(LabNetwork lab, Path work) {
        this.lab = lab;
        this.work = work;
    }

    /**
     * {@code target/lab-work/NAME}, emptied: the lab's data directories and the daemons' logs,
     * kept after the run (unlike a JUnit temporary directory) so a failure can be read afterwards.
     */
    public static Path keptWorkDirectory(String name) throws IOException {
        Path dir = Path.of("target", "lab-work", name).toAbsolutePath();
        if (Files.exists(dir)) {
            SampleFiles.deleteTree(dir);
        }
        return Files.createDirectories(dir);
    }

    /** Starts the bootstrap node and the daemons; returns when every daemon has every other node in its leaf set. */
    public static LabCluster start(LabNetwork lab, Path work) throws Exception {
        LabCluster c = new LabCluster(lab, work);
        try {
            c.startAll();
            return c;
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        for (LabHost h : lab.hosts()) {
            Path dir = Files.createDirectories(work.resolve("h" + h.number()));
            processes.put(h, new ChordiaProcesses(dir, h.launcher()));
        }
        LabHost first = lab.host(1);
        Path bootDir = work.resolve("h1").resolve("bootstrap");
        // --host and --protocol explicitly: the bootstrap node would advertise its wildcard bind and
        // default to Kademlia (issue 13's known bugs).
        Daemon boot = processes.get(first).launch("bootstrap", bootDir, "--host", first.address(), "--port",
                String.valueOf(PORT), "--protocol", "chord");
        ChordiaProcesses.awaitTrue("the bootstrap node on " + first + " to listen (" + boot.log() + ")", () -> {
            if (!boot.process().isAlive()) {
                throw new AssertionError("the bootstrap node exited:\n" + boot.output());
            }
            return boot.output().contains("listening on udp");
        });
        ids.put(first, NodeId.fromHex(Files.readString(bootDir.resolve("bootstrap-node-id"), StandardCharsets.US_ASCII).strip()));
        for (LabHost h : daemonHosts()) {
            daemons.put(h, processes.get(h).launchNode(work.resolve("h" + h.number()).resolve("data"), nodeArguments(h)));
        }
        for (LabHost h : daemonHosts()) {
            processes.get(h).awaitServing(daemons.get(h));
            clis.put(h, processes.get(h).startResidentCli());
            ids.put(h, NodeId.fromHex(status(h).get("nodeId").asText()));
        }
        for (LabHost h : daemonHosts()) {
            awaitKnowsEveryone(h);
        }
    }

    private String[] nodeArguments(LabHost h) {
        return new String[] {"--host", h.address(), "--port", String.valueOf(PORT), "--protocol", "chord",
                "--bootstrap", lab.host(1).address() + ":" + PORT};
    }

    /** The hosts that run a daemon (all but host 1). */
    public List<LabHost> daemonHosts() {
        return lab.hosts().subList(1, lab.hosts().size());
    }

    public Daemon daemon(LabHost h) {
        return daemons.get(h);
    }

    /** {@code chordia ARGS --data-dir <h's>} as its own process on host {@code h}. */
    public Result run(LabHost h, String... args) throws Exception {
        return processes.get(h).run(withDataDir(h, args));
    }

    /** {@code chordia ARGS --data-dir <h's>} through host {@code h}'s resident command line. */
    public Result cli(LabHost h, String... args) throws Exception {
        return clis.get(h).run(withDataDir(h, args));
    }

    private String[] withDataDir(LabHost h, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", daemons.get(h).dataDir().toString()));
        return all.toArray(String[]::new);
    }

    /** {@code chordia status --json} of the daemon on {@code h}. */
    public JsonNode status(LabHost h) throws Exception {
        Result r = cli(h, "status", "--json");
        if (r.exit() != 0) {
            throw new AssertionError("status on " + h + " failed: " + r.err());
        }
        return Json.mapper().readTree(r.out());
    }

    /** How the lab's nodes name {@code h}'s node in leaf sets and lookup answers: shortId@address:port. */
    public String describe(LabHost h) {
        return ids.get(h).shortId() + "@" + h.address() + ":" + PORT;
    }

    /** The node Chord makes responsible for {@code key}: the first node clockwise from it, among all of them. */
    public String expectedOwner(String key) {
        return expectedOwner(key, ids.keySet().stream().map(LabHost::number).collect(java.util.stream.Collectors.toSet()));
    }

    /** The owner of {@code key} in a ring of the nodes on the hosts numbered {@code among} (one side of a partition). */
    public String expectedOwner(String key, java.util.Set<Integer> among) {
        NodeId id = Keys.parse(key);
        List<LabHost> ring = new ArrayList<>(ids.keySet().stream().filter(h -> among.contains(h.number())).toList());
        ring.sort(Comparator.comparing(ids::get));
        return describe(ring.stream().filter(h -> ids.get(h).compareTo(id) >= 0).findFirst().orElse(ring.get(0)));
    }

    /** Whether {@code h}'s leaf set names every other node of the lab. */
    public boolean knowsEveryone(LabHost h) throws Exception {
        List<String> leafSet = new ArrayList<>();
        status(h).get("leafSet").forEach(n -> leafSet.add(n.asText()));
        return ids.keySet().stream().filter(o -> !o.equals(h)).allMatch(o -> leafSet.contains(describe(o)));
    }

    private void awaitKnowsEveryone(LabHost h) throws InterruptedException {
        try {
            ChordiaProcesses.awaitEventually(h + "'s leaf set names every other node", () -> knowsEveryone(h));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + everyStatus(), e);
        }
    }

    /** Each daemon's {@code status --json} (leaf set, traffic, guard counters), for a failure message. */
    private String everyStatus() {
        StringBuilder out = new StringBuilder();
        for (LabHost h : daemonHosts()) {
            out.append(h).append(" as ").append(ids.containsKey(h) ? describe(h) : "?").append(": ");
            try {
                out.append(status(h).toString());
            } catch (Exception | AssertionError e) {
                out.append("no status (").append(e.getMessage()).append(")");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** kill -9 of the daemon on {@code h}. */
    public void kill(LabHost h) throws InterruptedException {
        Process p = daemons.get(h).process();
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the daemon on " + h + " survived SIGKILL for 10 s");
        }
    }

    /** Starts the daemon on {@code h} again, on its data directory and address; returns when it serves. */
    public void restart(LabHost h) throws Exception {
        daemons.put(h, processes.get(h).startNode(daemons.get(h).dataDir(), nodeArguments(h)));
    }

    /** The node's id, unchanged across restarts (it is derived from the key in the data directory). */
    public NodeId id(LabHost h) {
        return ids.get(h);
    }

    @Override
    public void close() {
        processes.values().forEach(ChordiaProcesses::close);
    }

    /** What the daemons printed, for failure messages. */
    public String outputs() {
        StringBuilder all = new StringBuilder();
        for (Map.Entry<LabHost, Daemon> e : daemons.entrySet()) {
            all.append("--- ").append(e.getKey()).append(": ").append(e.getValue().log()).append('\n');
        }
        return all.toString();
    }
}
