package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.routing.Protocol;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What {@code chordia node} is told: the defaults, overridden by a config file, overridden by
 * command-line options. Bootstrap addresses stay text here; {@link NetworkAddresses} resolves them.
 *
 * @param host        the address to bind; {@code null}: every interface. A specific address is also
 *                    the one the node gives peers (unless {@code advertise} says otherwise)
 * @param advertise   {@code host:port} to give peers instead of what the node works out
 *                    ({@link io.chordia.core.net.AdvertisedAddress}); {@code null} when not given
 * @param port        UDP (and TCP) port; 0 picks a free one
 * @param bootstrap   {@code host:port} of nodes to join through; empty starts a new network
 * @param metricsHost the interface for {@code /metrics} and {@code /health}: 127.0.0.1 unless asked,
 *                    since the counters tell an attacker what works (as for the bootstrap node)
 * @param metricsPort Prometheus metrics port; 0 picks one, -1 serves none
 */
public record NodeSettings(String host, String advertise, int port, Protocol protocol, List<String> bootstrap, Path dataDir,
                           String metricsHost, int metricsPort) {
    public static final int DEFAULT_PORT = 4000;
    public static final String DEFAULT_METRICS_HOST = "127.0.0.1";
    static final Set<String> FILE_KEYS = Set.of("host", "advertise", "port", "protocol", "bootstrap", "data-dir", "metrics-host",
            "metrics-port");

    public NodeSettings {
        bootstrap = List.copyOf(bootstrap);
        if (metricsHost == null || metricsHost.isBlank()) {
            throw new UserFacingException("no metrics host given", "give --metrics-host an IP address, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new UserFacingException("port " + port + " is out of range", "give a --port from 1 to 65535 (0 picks a free one)");
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new UserFacingException("metrics port " + metricsPort + " is out of range", "give a --metrics-port from 1 to 65535");
        }
    }

    public static NodeSettings defaults() {
        return new NodeSettings(null, null, DEFAULT_PORT, Protocol.DEFAULT, List.of(), DataDir.defaultRoot(),
                DEFAULT_METRICS_HOST, -1);
    }

    public NodeSettings withHost(String value) {
        return new NodeSettings(value, advertise, port, protocol, bootstrap, dataDir, metricsHost, metricsPort);
    }

    public NodeSettings withAdvertise(String value) {
        return new NodeSettings(host, value, port, protocol, bootstrap, dataDir, metricsHost, metricsPort);
    }

    public NodeSettings withPort(int value) {
        return new NodeSettings(host, advertise, value, protocol, bootstrap, dataDir, metricsHost, metricsPort);
    }

    public NodeSettings withProtocol(Protocol value) {
        return new NodeSettings(host, advertise, port, value, bootstrap, dataDir, metricsHost, metricsPort);
    }

    public NodeSettings withBootstrap(List<String> value) {
        return new NodeSettings(host, advertise, port, protocol, value, dataDir, metricsHost, metricsPort);
    }

    public NodeSettings withDataDir(Path value) {
        return new NodeSettings(host, advertise, port, protocol, bootstrap, value, metricsHost, metricsPort);
    }

    public NodeSettings withMetricsHost(String value) {
        return new NodeSettings(host, advertise, port, protocol, bootstrap, dataDir, value, metricsPort);
    }

    public NodeSettings withMetricsPort(int value) {
        return new NodeSettings(host, advertise, port, protocol, bootstrap, dataDir, metricsHost, value);
    }

    /**
     * These settings overridden by the properties in {@code file}: {@code host}, {@code advertise}, {@code port},
     * {@code protocol}, {@code bootstrap} (comma-separated), {@code data-dir}, {@code metrics-host},
     * {@code metrics-port}.
     */
    public NodeSettings withFile(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("config file " + file + " does not exist", "check the --config path");
        } catch (IOException | IllegalArgumentException e) {
            throw new UserFacingException("cannot read config file " + file + ": " + e.getMessage(),
                    "it is a properties file: one 'key = value' per line");
        }
        for (String key : p.stringPropertyNames()) {
            if (!FILE_KEYS.contains(key)) {
                throw new UserFacingException("unknown setting '" + key + "' in " + file,
                        "the settings are " + String.join(", ", FILE_KEYS.stream().sorted().toList()));
            }
        }
        NodeSettings s = this;
        String v;
        if ((v = p.getProperty("host")) != null) {
            s = s.withHost(v.strip());
        }
        if ((v = p.getProperty("advertise")) != null) {
            s = s.withAdvertise(v.strip());
        }
        if ((v = p.getProperty("port")) != null) {
            s = s.withPort(number(file, "port", v));
        }
        if ((v = p.getProperty("protocol")) != null) {
            s = s.withProtocol(protocol(v.strip()));
        }
        if ((v = p.getProperty("bootstrap")) != null) {
            s = s.withBootstrap(Arrays.stream(v.split(",")).map(String::strip).filter(b -> !b.isEmpty()).toList());
        }
        if ((v = p.getProperty("data-dir")) != null) {
            s = s.withDataDir(Path.of(v.strip().replaceFirst("^~", System.getProperty("user.home"))));
        }
        if ((v = p.getProperty("metrics-host")) != null) {
            s = s.withMetricsHost(v.strip());
        }
        if ((v = p.getProperty("metrics-port")) != null) {
            s = s.withMetricsPort(number(file, "metrics-port", v));
        }
        return s;
    }

    /** Parses {@code chord} or {@code kademlia}, any case. */
    public static Protocol protocol(String text) {
        try {
            return Protocol.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("unknown protocol '" + text + "'", "use --protocol chord or --protocol kademlia");
        }
    }

    private static int number(Path file, String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UserFacingException("setting '" + key + "' in " + file + " is not a number: '" + value.strip() + "'",
                    "give a whole number");
        }
    }
}
