package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.share.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One port per node: two daemons, a file shared by one and fetched by the other, and a value too
 * large for a datagram stored and read between them. Both go over TCP at the node's UDP port
 * number; the seeding daemon listens on no other TCP port than that and its control port.
 */
class OnePortSharingIT extends ProcessesFixture {
    private static final Pattern LISTEN_PORT = Pattern.compile("^\\S+\\s+\\d+\\s+\\d+\\s+\\S+:(\\d+)\\s");

    @Test
    void aFetchAndALargeValueTravelOverTheNodesOnePort() throws Exception {
        Path original = SampleFiles.random(work.resolve("seed").resolve("one.bin"), 4 << 20, 16);
        int portA = ChordiaProcesses.freePort();
        Daemon a = cli.startNode(work.resolve("a"), "--host", "127.0.0.1", "--port", String.valueOf(portA));
        Daemon b = cli.startNode(work.resolve("b"), "--host", "127.0.0.1", "--port", String.valueOf(ChordiaProcesses.freePort()),
                "--bootstrap", "127.0.0.1:" + portA);

        Result shared = cli.run("share", original.toString(), "--data-dir", a.dataDir().toString());
        assertThat(shared.exit()).as(shared.err()).isZero();
        Path out = work.resolve("fetched");
        Result fetched = cli.run("fetch", shared.out().strip(), "-o", out.toString(), "--data-dir", b.dataDir().toString());
        assertThat(fetched.exit()).as("%s%s", fetched.err(), b.output()).isZero();
        assertThat(SampleFiles.sha256(out.resolve("one.bin"))).isEqualTo(SampleFiles.sha256(original));

        String large = "0123456789abcdef".repeat(3_000); // over a datagram: the DHT's frames on the same TCP port
        Result put = cli.run("put", "large", large, "--data-dir", b.dataDir().toString());
        assertThat(put.exit()).as(put.err()).isZero();
        Result got = cli.run("get", "large", "--data-dir", a.dataDir().toString());
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(got.out()).isEqualTo(large + "\n");

        int control = Integer.parseInt(Files.readString(a.dataDir().resolve("control.port")).strip());
        assertThat(listeningTcpPorts(a)).containsExactlyInAnyOrder(portA, control);
    }

    /** The TCP ports the daemon's process (or the JVM its launcher started) listens on, from {@code ss -ltnp}. */
    private static Set<Integer> listeningTcpPorts(Daemon d) throws Exception {
        Set<Long> pids = d.process().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        pids.add(d.process().pid());
        Process ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
        String listing = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ss.waitFor()).as(listing).isZero();
        Set<Integer> ports = new TreeSet<>();
        for (String line : listing.lines().toList()) {
            Matcher port = LISTEN_PORT.matcher(line);
            if (port.find() && pids.stream().anyMatch(pid -> line.contains("pid=" + pid + ","))) {
                ports.add(Integer.parseInt(port.group(1)));
            }
        }
        return ports;
    }
}
