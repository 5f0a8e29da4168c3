package io.chordia.app.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One aria2c run that fetches a content from a {@code .torrent} or a magnet link into a folder,
 * learning its peers from a {@link TrackerStub} ({@link #fromTracker}) or from the Mainline DHT
 * through one entry node ({@link #throughDht}): no local peer discovery, no peer exchange, so
 * every byte comes from the peers found that way, and it exits once the content is complete and
 * every piece has passed aria2's hash check (no seeding).
 *
 * @param peerSource the options that say where peers come from
 */
public record Aria2Leecher(List<String> peerSource, int listenPort, int stopAfterSeconds) {
    /** What aria2c printed, and whether it exited 0 (every download complete) within the time given. */
    public record Result(boolean ok, String printed) {}

    public Aria2Leecher {
        peerSource = List.copyOf(peerSource);
    }

    /** Peers from the tracker at {@code announceUrl} alone, DHT off. */
    public static Aria2Leecher fromTracker(String announceUrl, int listenPort, int stopAfterSeconds) {
        return new Aria2Leecher(List.of("--bt-tracker=" + announceUrl, "--enable-dht=false"), listenPort, stopAfterSeconds);
    }

    /** Peers from get_peers in the Mainline DHT, joined through {@code entry} ("host:port"); its routing table in {@code dhtFile}. */
    public static Aria2Leecher throughDht(String entry, int dhtPort, Path dhtFile, int listenPort, int stopAfterSeconds) {
        return new Aria2Leecher(List.of("--enable-dht=true", "--dht-entry-point=" + entry, "--dht-listen-port=" + dhtPort,
                "--dht-file-path=" + dhtFile), listenPort, stopAfterSeconds);
    }

    List<String> command(String torrentOrMagnet, Path out) {
        List<String> command = new ArrayList<>(PeerKind.ARIA2.command(InteropPeers.dir()));
        command.add("--no-conf");
        command.addAll(peerSource);
        command.addAll(List.of("--dir=" + out, "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--listen-port=" + listenPort, "--seed-time=0", "--follow-torrent=mem", "--bt-save-metadata=false",
                "--bt-stop-timeout=" + stopAfterSeconds, "--file-allocation=none", "--summary-interval=0",
                "--console-log-level=warn", "--show-console-readout=false", torrentOrMagnet));
        return command;
    }

    public Result fetch(String torrentOrMagnet, Path out) throws IOException, InterruptedException {
        return finish(start(torrentOrMagnet, out), out);
    }

    /** Starts the fetch; {@link #finish} waits for it. */
    Process start(String torrentOrMagnet, Path out) throws IOException {
        // To a file, not a pipe: a pipe nobody reads until the end could fill and stall aria2.
        return new ProcessBuilder(command(torrentOrMagnet, out)).redirectErrorStream(true).redirectOutput(log(out).toFile()).start();
    }

    /** Where aria2's output goes: beside {@code out}, named after it. */
    static Path log(Path out) {
        return out.resolveSibling(out.getFileName() + ".log");
    }

    Result finish(Process p, Path out) throws IOException, InterruptedException {
        Path log = log(out);
        boolean done = p.waitFor(stopAfterSeconds + 30L, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        return new Result(done && p.exitValue() == 0, printed);
    }
}
