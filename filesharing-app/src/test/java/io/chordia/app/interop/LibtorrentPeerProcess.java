package io.chordia.app.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.control.Json;
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
 * A libtorrent 2.0 peer of a mixed swarm ({@code interop/bt_leech.py --linger}): it checks what its
 * directory already holds, connects to the peers named, fetches the rest and seeds until {@link
 * #finish} closes its stdin, then reports what it got and from whom. Killed on close.
 */
final class LibtorrentPeerProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final int port;

    private LibtorrentPeerProcess(Process process, BufferedReader out, int port) {
        this.process = process;
        this.out = out;
        this.port = port;
    }

    /** Starts a peer of {@code torrent} saving into {@code saveDir} (pieces already there are kept), dialing {@code peers}. */
    static LibtorrentPeerProcess start(Path torrent, Path saveDir, List<Address> peers, long maxSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(PeerKind.python(), InteropPeers.dir().resolve("bt_leech.py").toString(),
                "--torrent", torrent.toString(), "--out", saveDir.toString(), "--linger",
                "--max-seconds", String.valueOf(maxSeconds)));
        for (Address peer : peers) {
            command.addAll(List.of("--peer", peer.toString()));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IOException("bt_leech.py --linger did not start: " + line);
        }
        return new LibtorrentPeerProcess(p, out, Integer.parseInt(line.substring(6).strip()));
    }

    Address address() {
        return new Address("127.0.0.1", port);
    }

    /**
     * Lets the peer stop once it has every piece (or its --max-seconds pass) and returns its report:
     * ok, hash_failed, banned, downloaded_from (payload bytes by peer host:port).
     */
    Report finish(long waitSeconds) throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(waitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("bt_leech.py on port " + port + " still running after " + waitSeconds + " s");
        }
        String line = out.readLine();
        if (line == null) {
            throw new IOException("bt_leech.py on port " + port + " exited " + process.exitValue() + " printing nothing");
        }
        return new Report(line, Json.mapper().readTree(line));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** What a libtorrent peer printed when it stopped. */
    record Report(String printed, JsonNode json) {
        boolean ok() {
            return json.path("ok").asBoolean(false);
        }

        int hashFailures() {
            return json.path("hash_failed").asInt(-1);
        }

        /** Payload bytes this peer downloaded from {@code peer} (the address it dialed), 0 when none. */
        long downloadedFrom(Address peer) {
            return json.path("downloaded_from").path(peer.toString()).asLong(0);
        }

        @Override
        public String toString() {
            return printed;
        }
    }
}
