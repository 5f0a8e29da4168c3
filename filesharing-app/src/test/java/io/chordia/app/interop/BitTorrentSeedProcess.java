package io.chordia.app.interop;

import io.chordia.core.net.Address;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A seed started by {@code interop/bt_seed.py} for the tests where Chordia fetches: a libtorrent
 * seed (joined to a Mainline node and announcing there with {@code dht}), or the Python seed that
 * corrupts every block. Stopped (stdin closed, then killed) on close.
 */
public final class BitTorrentSeedProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final int port;

    private BitTorrentSeedProcess(Process process, BufferedReader out, int port) {
        this.process = process;
        this.out = out;
        this.port = port;
    }

    public static BitTorrentSeedProcess libtorrent(Path torrent, Path saveDir, String dht) throws IOException {
        List<String> args = new ArrayList<>(List.of("--torrent", torrent.toString(), "--save", saveDir.toString()));
        if (dht != null) {
            args.addAll(List.of("--dht", dht));
        }
        return start(args);
    }

    public static BitTorrentSeedProcess corrupting(Path torrent, Path saveDir) throws IOException {
        return start(List.of("--torrent", torrent.toString(), "--save", saveDir.toString(), "--corrupt"));
    }

    private static BitTorrentSeedProcess start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PeerKind.python(), InteropPeers.dir().resolve("bt_seed.py").toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IOException("bt_seed.py " + args + " did not start: " + line);
        }
        return new BitTorrentSeedProcess(p, out, Integer.parseInt(line.substring(6).strip()));
    }

    public Address address() {
        return new Address("127.0.0.1", port);
    }

    /** Stops the seed and returns what it printed on the way out (the corrupting seed: SERVED n). */
    public String stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        StringBuilder b = new StringBuilder();
        if (process.waitFor(10, TimeUnit.SECONDS)) {
            for (String line; (line = out.readLine()) != null; ) {
                b.append(line).append('\n');
            }
        }
        process.destroyForcibly();
        return b.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
