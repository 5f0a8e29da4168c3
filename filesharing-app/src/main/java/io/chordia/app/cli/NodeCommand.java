package io.chordia.app.cli;

import io.chordia.app.node.NodeSettings;
import io.chordia.app.node.PeerDaemon;
import io.chordia.routing.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chordia node}: the peer daemon, in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run a peer (the daemon) in the foreground.", "On first start it creates its identity (Ed25519; node id ="
                + " SHA-1 of the public key) in the data directory; later starts reuse it and rejoin through the"
                + " saved contacts if the bootstrap nodes do not answer. SIGTERM or Ctrl-C leaves gracefully:"
                + " records are handed to other replicas first.",
                "Options override the --config file, which overrides the defaults."})
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", description = "UDP (and TCP) port (default: 4000; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to bind (default: every interface). A specific address is also the one peers are given.")
    String host;

    @Option(names = "--advertise", paramLabel = "HOST:PORT",
            description = "Address to give peers, e.g. a router's public address and forwarded port (default: --host if it"
                    + " is one address, else where the bootstrap nodes see this node, else this machine's address"
                    + " towards them; then what three peers on distinct addresses agree on).")
    String advertise;

    @Option(names = "--protocol", paramLabel = "chord|kademlia", description = Protocol.OPTION_HELP)
    String protocol;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "A node to join through; repeatable. None: start a new network (or rejoin through saved contacts).")
    List<String> bootstrap;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.chordia): identity, records, contacts, logs.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with host, advertise, port, protocol, bootstrap (comma-separated), data-dir,"
                    + " metrics-host, metrics-port.")
    Path config;

    @Option(names = "--metrics-host", paramLabel = "IP", description = "Interface for /metrics and /health (default: 127.0.0.1:"
            + " only this machine, since the counters tell an attacker what works; 0.0.0.0 lets a remote Prometheus scrape it).")
    String metricsHost;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve Prometheus metrics and /health on this port.")
    Integer metricsPort;

    @Override
    public Integer call() throws Exception {
        PeerDaemon daemon = PeerDaemon.start(settings());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            System.out.println("left the network; state saved in " + daemon.dataDir().root());
            LogManager.shutdown();
            stopped.countDown();
        }, "chordia-shutdown"));
        // The dashboard link holds the control secret: printed here once, never logged.
        System.out.printf("node %s (%s) on %s, joined via %s%n  data in %s, log in %s%s%n  dashboard %s%n"
                        + "  stop with Ctrl-C or SIGTERM%n",
                daemon.identity().id().toHex(), daemon.settings().protocol().label(), daemon.self().address(),
                daemon.joinedVia(), daemon.dataDir().root(), daemon.dataDir().logDir().resolve("chordia.log"),
                daemon.metricsUrl().map(u -> "; metrics on " + u).orElse(""), daemon.dashboardLink());
        System.out.flush();
        stopped.await();
        return 0;
    }

    NodeSettings settings() {
        NodeSettings s = NodeSettings.defaults();
        if (config != null) {
            s = s.withFile(config);
        }
        if (host != null) {
            s = s.withHost(host);
        }
        if (advertise != null) {
            s = s.withAdvertise(advertise);
        }
        if (port != null) {
            s = s.withPort(port);
        }
        if (protocol != null) {
            s = s.withProtocol(NodeSettings.protocol(protocol));
        }
        if (bootstrap != null) {
            s = s.withBootstrap(bootstrap);
        }
        if (dataDir != null) {
            s = s.withDataDir(dataDir);
        }
        if (metricsHost != null) {
            s = s.withMetricsHost(metricsHost);
        }
        if (metricsPort != null) {
            s = s.withMetricsPort(metricsPort);
        }
        return s;
    }
}
