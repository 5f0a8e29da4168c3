package io.chordia.app.lab;

import static io.chordia.app.lab.SystemCommands.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N hosts on this machine, each a network namespace with a real address (10.77.i.2/24), all
 * connected to one router namespace by veth pairs. The router sends every packet from a host into
 * the relay's TUN device (policy routing: {@code iif hI lookup 100}, table 100's default route is
 * the TUN), and forwards what the relay writes back to the destination host. If the relay is gone,
 * a blackhole rule behind that one drops host traffic: nothing ever bypasses the relay.
 *
 * <p>Names start with {@code chordia-lab-<pid>-<n>-} so that labs of concurrent builds never
 * collide and a lab left behind by a killed JVM is recognised and removed by the next one.
 * {@link #close()} (also run by a shutdown hook) kills whatever still runs in the namespaces and
 * deletes them.
 */
public final class LabNetwork implements AutoCloseable {
    private static final String PREFIX = "chordia-lab-";
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+-\\w+");
    private static final AtomicInteger LABS = new AtomicInteger();
    private static final String TUN = "lab0";
    private static final int RELAY_TABLE = 100;

    private final String name;
    private final List<LabHost> hosts = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread cleanupOnExit = new Thread(this::close, "lab-network-cleanup");
    private LabRelay relay;

    private LabNetwork(String name) {
        this.name = name;
    }

    /**
     * Builds a lab of {@code hostCount} hosts with the relay passing packets unchanged.
     *
     * @throws LabUnavailableException when this machine cannot host it (not root, no iproute2, no
     *         TUN device, no python3), with one line saying why
     */
    public static LabNetwork create(int hostCount, long relaySeed, Path work) throws InterruptedException {
        if (hostCount < 1 || hostCount > 254) {
            throw new IllegalArgumentException("1..254 hosts: " + hostCount);
        }
        removeStaleLabs();
        LabNetwork lab = new LabNetwork(PREFIX + ProcessHandle.current().pid() + "-" + LABS.incrementAndGet());
        Runtime.getRuntime().addShutdownHook(lab.cleanupOnExit);
        try {
            lab.build(hostCount, relaySeed, work);
            return lab;
        } catch (IOException e) {
            lab.close();
            throw new LabUnavailableException(e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            lab.close();
            throw e;
        }
    }

    /** Host {@code number}, 1-based as in its address. */
    public LabHost host(int number) {
        return hosts.get(number - 1);
    }

    public List<LabHost> hosts() {
        return List.copyOf(hosts);
    }

    public LabRelay relay() {
        return relay;
    }

    private void build(int hostCount, long relaySeed, Path work) throws IOException, InterruptedException {
        Path script = relayScript();
        String router = addNamespace("r");
        // Forwarding on, and no reverse-path filter: packets come back from the TUN with a host's source.
        run("ip", "netns", "exec", router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        for (int i = 1; i <= hostCount; i++) {
            LabHost host = new LabHost(i, addNamespace("h" + i));
            String routerSide = "h" + i;
            run("ip", "-n", router, "link", "add", routerSide, "type", "veth", "peer", "name", "eth0", "netns", host.namespace());
            run("ip", "-n", router, "addr", "add", "10.77." + i + ".1/24", "dev", routerSide);
            run("ip", "-n", router, "link", "set", routerSide, "up");
            run("ip", "-n", host.namespace(), "addr", "add", host.address() + "/24", "dev", "eth0");
            run("ip", "-n", host.namespace(), "link", "set", "eth0", "up");
            run("ip", "-n", host.namespace(), "route", "add", "default", "via", "10.77." + i + ".1");
            run("ip", "-n", router, "rule", "add", "iif", routerSide, "pref", "1000", "lookup", String.valueOf(RELAY_TABLE));
            run("ip", "-n", router, "rule", "add", "iif", routerSide, "pref", "1001", "blackhole");
            hosts.add(host);
        }
        relay = LabRelay.start(router, TUN, relaySeed, script, work.resolve("relay.log"));
        run("ip", "-n", router, "link", "set", TUN, "up");
        run("ip", "-n", router, "route", "add", "default", "dev", TUN, "table", String.valueOf(RELAY_TABLE));
    }

    /** A namespace with its loopback up: the daemons' control channels listen on 127.0.0.1. */
    private String addNamespace(String suffix) throws IOException, InterruptedException {
        String ns = name + "-" + suffix;
        try {
            run("ip", "netns", "add", ns);
        } catch (SystemCommands.CommandFailedException e) {
            throw new IOException("cannot create a network namespace (" + e.getMessage() + "); the lab needs root"
                    + " (CAP_SYS_ADMIN and CAP_NET_ADMIN) and iproute2", e);
        }
        namespaces.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** {@code lab/relay.py} of this checkout: the build passes its directory as {@code chordia.lab.dir}. */
    static Path labDirectory() throws IOException {
        Path dir = Path.of(System.getProperty("chordia.lab.dir", "../lab")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("relay.py"))) {
            throw new IOException("no relay at " + dir.resolve("relay.py") + " (set -Dchordia.lab.dir to the checkout's lab/)");
        }
        return dir;
    }

    private static Path relayScript() throws IOException {
        return labDirectory().resolve("relay.py");
    }

    /** Deletes labs whose JVM is gone (killed before its cleanup ran), and whatever still runs in them. */
    private static void removeStaleLabs() throws InterruptedException {
        String list;
        try {
            list = run("ip", "netns", "list");
        } catch (IOException e) {
            throw new LabUnavailableException(e.getMessage(), e);
        }
        for (String line : list.lines().toList()) {
            String ns = line.split(" ")[0];
            Matcher m = OURS.matcher(ns);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                deleteNamespace(ns);
            }
        }
    }

    /** Kills the processes in {@code ns} (a lab's own: daemons, probes, the relay) and deletes it. */
    private static void deleteNamespace(String ns) throws InterruptedException {
        try {
            List<ProcessHandle> inside = new ArrayList<>();
            for (String pid : run("ip", "netns", "pids", ns).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(inside::add);
                }
            }
            inside.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : inside) {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    System.err.println("lab: process " + p.pid() + " in " + ns + " did not exit after SIGKILL: " + e);
                }
            }
            run("ip", "netns", "del", ns);
        } catch (IOException e) {
            System.err.println("lab: could not delete network namespace " + ns + ": " + e.getMessage());
        }
    }

    /** Stops the relay, kills what runs on the hosts, deletes the namespaces. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (relay != null) {
            relay.close();
        }
        try {
            for (String ns : namespaces) {
                deleteNamespace(ns);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Thread.currentThread() != cleanupOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook runs (or ran) close(), which returns at once.
            }
        }
    }
}
