package io.chordia.app.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The implementations we run as test peers: how to start one, and what it needs installed. */
public enum PeerKind {
    /** libtorrent 2.0.x through its Python bindings (Debian's python3-libtorrent). */
    LIBTORRENT("python3-libtorrent", "apt-get install python3-libtorrent as root") {
        @Override
        List<String> command(Path interopDir) {
            return List.of(python(), interopDir.resolve("libtorrent_dht.py").toString());
        }

        @Override
        Requirement requirement(Path interopDir) {
            return new Requirement(packageName, List.of(python(), "-c", "import libtorrent"), interopDir, hint);
        }
    },
    /**
     * aria2 (Debian's aria2), a BitTorrent client of its own code base: a leecher run once per fetch
     * ({@link Aria2Leecher}), not a line-protocol DHT driver, so {@link #command} is the bare program.
     */
    ARIA2("aria2", "apt-get install aria2 as root") {
        @Override
        List<String> command(Path interopDir) {
            return List.of("aria2c");
        }

        @Override
        Requirement requirement(Path interopDir) {
            return new Requirement(packageName, List.of("aria2c", "--version"), interopDir, hint);
        }
    },
    /** The bittorrent-dht package from npm, pinned in interop/node/package-lock.json. */
    BITTORRENT_DHT("bittorrent-dht", "Node 20 and npm ci in interop/node") {
        @Override
        List<String> command(Path interopDir) {
            return List.of("node", interopDir.resolve("node").resolve("dht-peer.mjs").toString());
        }

        @Override
        Requirement requirement(Path interopDir) {
            return new Requirement(packageName, List.of("node", "--input-type=module", "-e", "await import('bittorrent-dht')"),
                    interopDir.resolve("node"), hint);
        }
    };

    final String packageName;
    final String hint;

    PeerKind(String packageName, String hint) {
        this.packageName = packageName;
        this.hint = hint;
    }

    /** The driver's command line, without its {@code --port} and {@code --bootstrap} arguments. */
    abstract List<String> command(Path interopDir);

    /** What must work for {@link #command} to run. */
    abstract Requirement requirement(Path interopDir);

    List<String> command(Path interopDir, int port, List<String> bootstrap) {
        List<String> command = new ArrayList<>(command(interopDir));
        command.addAll(List.of("--port", String.valueOf(port)));
        if (!bootstrap.isEmpty()) {
            command.add("--bootstrap");
            command.addAll(bootstrap);
        }
        return command;
    }

    /**
     * The interpreter apt's python3-libtorrent installs for: Debian's own, not whatever python3 comes
     * first on the PATH (a pyenv one cannot import it). {@code -Dchordia.interop.python} overrides.
     */
    public static String python() {
        String configured = System.getProperty("chordia.interop.python");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
