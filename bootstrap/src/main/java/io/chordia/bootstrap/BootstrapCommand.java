package io.chordia.bootstrap;

import static io.chordia.bootstrap.OptionErrors.rejected;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.HostKind;
import io.chordia.routing.Protocol;
import io.chordia.transport.net.LocalAddresses;
import io.chordia.transport.netty.TransportConfig;
import io.chordia.transport.metrics.MetricsEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chordia bootstrap}: a public bootstrap node in the foreground, until SIGTERM or Ctrl-C. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, subcommands = FloodCommand.class,
        description = {"Run a public bootstrap node in the foreground, with hardened defaults.",
                "A long-lived peer with per-source rate limits, bounded tables, no amplification, verified contacts "
                + "only and no storage, with /health and /metrics over HTTP. SIGTERM or Ctrl-C stops it. "
                + "See docs/bootstrap.md for the threat model and the metrics."})
public final class BootstrapCommand implements Callable<Integer> {
    private static final BootstrapLimits DEFAULTS = BootstrapLimits.defaults();
    /** {@link BootstrapLimits} components and the options that set them, for error messages. */
    private static final String[][] OPTION_NAMES = {
        {"perSourceRate", "--rate-per-source"}, {"perSourceBurst", "--burst-per-source"}, {"globalRate", "--global-rate"},
        {"verifiedRate", "--verified-rate"}, {"maxTrackedSources", "--max-sources"}, {"maxVerifiedPeers", "--max-verified"},
        {"maxPendingCalls", "--max-pending-calls"}, {"k", "--bucket-size"},
    };

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "IP", description = "UDP interface to bind: an IP address, 0.0.0.0 for all (default: ${DEFAULT-VALUE}).")
    String host = TransportConfig.defaults().bindHost();

    @Option(names = "--advertise", paramLabel = "HOST:PORT", description = "Address to give peers (default: --host if it is"
            + " one address, else this machine's first non-loopback address, then what three peers on distinct addresses see).")
    String advertise;

    @Option(names = "--port", paramLabel = "PORT", description = "UDP port (default: ${DEFAULT-VALUE}).")
    int port = TransportConfig.DEFAULT_PORT;

    @Option(names = "--protocol", paramLabel = "chord|kademlia", description = Protocol.OPTION_HELP)
    String protocol = Protocol.DEFAULT_LABEL;

    @Option(names = "--metrics-host", paramLabel = "IP", description = "Interface for /health and /metrics (default: ${DEFAULT-VALUE}: "
            + "only this machine; use 0.0.0.0 to let a remote Prometheus scrape it).")
    String metricsHost = "127.0.0.1";

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "HTTP port for /health and /metrics (default: ${DEFAULT-VALUE}).")
    int metricsPort = 9464;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.chordia): where the node keeps its id.")
    Path dataDir = Path.of(System.getProperty("user.home"), ".chordia");

    @Option(names = "--rate-per-source", paramLabel = "N", description = "Datagrams/s one source IP (IPv6: /64) may send (default: ${DEFAULT-VALUE}).")
    int perSourceRate = DEFAULTS.perSourceRate();

    @Option(names = "--burst-per-source", paramLabel = "N", description = "Datagrams one quiet source may send at once (default: ${DEFAULT-VALUE}).")
    int perSourceBurst = DEFAULTS.perSourceBurst();

    @Option(names = "--global-rate", paramLabel = "N", description = "Datagrams/s from all unverified sources together (default: ${DEFAULT-VALUE}).")
    int globalRate = DEFAULTS.globalRate();

    @Option(names = "--verified-rate", paramLabel = "N", description = "Datagrams/s from all verified peers together (default: ${DEFAULT-VALUE}).")
    int verifiedRate = DEFAULTS.verifiedRate();

    @Option(names = "--max-sources", paramLabel = "N", description = "Per-source rate-limit buckets kept (default: ${DEFAULT-VALUE}).")
    int maxSources = DEFAULTS.maxTrackedSources();

    @Option(names = "--max-verified", paramLabel = "N", description = "Verified peer addresses remembered (default: ${DEFAULT-VALUE}).")
    int maxVerified = DEFAULTS.maxVerifiedPeers();

    @Option(names = "--max-pending-calls", paramLabel = "N", description = "The node's own requests in flight (default: ${DEFAULT-VALUE}).")
    int maxPendingCalls = DEFAULTS.maxPendingCalls();

    @Option(names = "--bucket-size", paramLabel = "K", description = "Kademlia k: bucket size and most contacts per reply, 1..20 (default: ${DEFAULT-VALUE}).")
    int k = DEFAULTS.k();

    @Override
    public Integer call() throws Exception {
        Protocol proto = parseProtocol();
        BootstrapLimits limits = limits();
        TransportConfig transport = transportConfig();
        Address advertised = advertised();
        checkPort(metricsPort, "--metrics-port");
        NodeId id;
        try {
            id = NodeIdFile.loadOrCreate(dataDir);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        BootstrapNode node = startNode(transport, proto, id, limits, advertised);
        MetricsEndpoint metrics;
        try {
            metrics = BootstrapMetrics.serve(metricsHost, metricsPort, node);
        } catch (BindException e) {
            node.close();
            throw rejected(spec, e.getMessage(), MetricsEndpoint.bindHint(e), e);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw rejected(spec, "cannot serve metrics on " + metricsHost + ":" + metricsPort + ": " + e.getMessage(),
                    "check --metrics-host and --metrics-port", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter out = spec.commandLine().getOut();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            metrics.close();
            node.close();
            out.println("chordia bootstrap: stopped");
            out.flush();
            stopped.countDown();
        }, "chordia-bootstrap-shutdown"));
        out.printf("chordia bootstrap: node %s (%s) listening on udp %s, advertised as %s; health and metrics on"
                + " http://%s:%d/metrics%n", node.self().id().toHex(), proto, node.address(), node.self().address(),
                metricsHost, metrics.port());
        out.flush();
        stopped.await();
        return 0;
    }

    private BootstrapNode startNode(TransportConfig transport, Protocol proto, NodeId id, BootstrapLimits limits,
                                    Address advertised) {
        try {
            return BootstrapNode.start(transport, proto, id, limits, advertised);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw rejected(spec, "UDP port " + port + " is in use on " + host, "pick another with --port", e);
            }
            throw rejected(spec, "cannot bind UDP to " + host + ":" + port + ": no such local address",
                    "use an IP address of this machine with --host, or 0.0.0.0 for all", e);
        } catch (UnknownHostException e) {
            throw rejected(spec, "cannot bind to --host " + host + ": not an address of this machine",
                    "use an IP address of this machine, or 0.0.0.0 for all", e);
        } catch (IOException e) {
            throw rejected(spec, e.getMessage(), "check --host and --port", e);
        }
    }

    private Protocol parseProtocol() {
        try {
            return Protocol.parse(protocol);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--protocol: " + e.getMessage());
        }
    }

    private TransportConfig transportConfig() {
        checkPort(port, "--port");
        try {
            return TransportConfig.defaults().withBindHost(host).withPort(port);
        } catch (IllegalArgumentException e) {
            throw rejected(spec, "--host: " + e.getMessage(), "use an IP address of this machine, or 0.0.0.0");
        }
    }

    /** {@code --advertise} resolved to an IP literal, or null; the wildcard is refused. */
    private Address advertised() {
        if (advertise == null) {
            return null;
        }
        Address parsed;
        try {
            parsed = Address.parse(advertise);
            parsed = new Address(LocalAddresses.resolve(parsed.host()), parsed.port());
        } catch (IllegalArgumentException e) {
            throw rejected(spec, "--advertise: " + e.getMessage(), "write it as host:port, e.g. --advertise 203.0.113.7:4000");
        } catch (UnknownHostException e) {
            throw rejected(spec, "cannot resolve --advertise host in " + advertise, "check the name, or give an IP address");
        }
        if (HostKind.of(parsed) == HostKind.UNSPECIFIED) {
            throw rejected(spec, "--advertise " + advertise + " is the wildcard address, which no peer can send to",
                    "give the address peers reach this node at");
        }
        return parsed;
    }

    private BootstrapLimits limits() {
        try {
            return new BootstrapLimits(perSourceRate, perSourceBurst, globalRate, verifiedRate, maxSources, maxVerified,
                    DEFAULTS.amplificationFactor(), DEFAULTS.maxReplyBudgets(), maxPendingCalls,
                    DEFAULTS.maxProbesInFlight(), DEFAULTS.reprobeAfter(), k);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (String[] name : OPTION_NAMES) {
                message = message.replace(name[0] + " ", name[1] + " ");
            }
            throw new ParameterException(spec.commandLine(), message, e);
        }
    }

    private void checkPort(int value, String option) {
        if (value < 0 || value > 65535) {
            throw rejected(spec, option + " must be between 0 and 65535, was " + value, "pick a port in that range");
        }
    }
}
