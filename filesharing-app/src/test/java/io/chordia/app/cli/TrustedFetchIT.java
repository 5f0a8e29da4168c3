package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses.Client;
import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.control.Json;
import io.chordia.app.share.ContentId;
import io.chordia.app.share.Link;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.store.ResumeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 4 with real daemons: the fetch writes NAME.part, Ctrl-C cancels it in the node and
 * says what is kept, the same command resumes, a killed client stops its fetch unless detached, a
 * daemon killed mid-fetch leaves the .part and a one-line error, a link nobody shares fails at
 * once, and transfers, shares and unshare say what the node does. To stop a transfer half way
 * whatever the machine's speed, the seeder is frozen (SIGSTOP) once the fetcher's journal names a
 * piece, and thawed (SIGCONT) for the resume.
 */
class TrustedFetchIT extends ProcessesFixture {
    private static final int SIZE = 256 << 20;
    private static final Pattern CANCELLED =
            Pattern.compile("cancelled: (\\d+) of (\\d+) pieces kept in (\\S+big\\.bin\\.part); run the same command to resume");

    private Daemon seeder;
    private Daemon fetcher;
    private Path original;
    private String link;

    private void seederAndFetcher() throws Exception {
        original = SampleFiles.random(work.resolve("seed").resolve("big.bin"), SIZE, 16);
        int port = ChordiaProcesses.freePort();
        seeder = cli.startNode(work.resolve("s"), "--host", "127.0.0.1", "--port", String.valueOf(port));
        fetcher = cli.startNode(work.resolve("f"), "--host", "127.0.0.1", "--port", String.valueOf(ChordiaProcesses.freePort()),
                "--bootstrap", "127.0.0.1:" + port);
        Result shared = cli.run("share", original.toString(), "--data-dir", seeder.dataDir().toString());
        assertThat(shared.exit()).as(shared.err()).isZero();
        link = shared.out().strip();
    }

    /** Waits until the fetch into {@code out} has journalled a piece, then freezes the seeder. */
    private int freezeSeederOnceAPieceIsKept(Path out, Client client) throws Exception {
        ContentId id = Link.parse(link).contentId();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ResumeState.journalledPieces(out, id) == 0) {
            assertThat(client == null || client.process().isAlive()).as("the fetch ended early: %s",
                    client == null ? "" : Files.readString(client.err())).isTrue();
            assertThat(System.nanoTime()).as("a piece journalled in time").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        ChordiaProcesses.signal(seeder.process(), "STOP");
        assertThat(out.resolve("big.bin")).as("frozen before the fetch completed: the machine was too fast for this test")
                .doesNotExist();
        return ResumeState.journalledPieces(out, id);
    }

    private JsonNode transfers(Daemon d) throws Exception {
        Result r = cli.run("transfers", "--json", "--data-dir", d.dataDir().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out()).get("transfers");
    }

    @Test
    void ctrlCCancelsInTheNodeKeepsTheVerifiedPiecesAndTheSameCommandResumes() throws Exception {
        seederAndFetcher();
        Path out = work.resolve("out");
        String[] fetch = {"fetch", link, "-o", out.toString(), "--data-dir", fetcher.dataDir().toString()};
        Client client = cli.launchClient(fetch);
        int journalled = freezeSeederOnceAPieceIsKept(out, client);
        ChordiaProcesses.signal(client.process(), "INT");
        Result cancelled = client.await();
        assertThat(cancelled.exit()).as(cancelled.err()).isEqualTo(130);
        Matcher line = CANCELLED.matcher(cancelled.err().strip());
        assertThat(line.matches()).as("one line: %s", cancelled.err()).isTrue();
        int kept = Integer.parseInt(line.group(1));
        assertThat(kept).isGreaterThanOrEqualTo(journalled);
        assertThat(Integer.parseInt(line.group(2))).isEqualTo(SIZE / (256 << 10));
        assertThat(out.resolve("big.bin")).doesNotExist();
        assertThat(out.resolve("big.bin.part")).exists();
        JsonNode t = transfers(fetcher).get(0);
        assertThat(t.get("state").asText()).isEqualTo("paused");
        assertThat(t.get("keptPieces").asInt()).isEqualTo(kept);

        ChordiaProcesses.signal(seeder.process(), "CONT");
        Result resumed = cli.run(fetch);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resumed: ");
        Matcher resumedPieces = Pattern.compile("resumed: (\\d+) pieces were kept").matcher(resumed.err());
        assertThat(resumedPieces.find()).isTrue();
        assertThat(Integer.parseInt(resumedPieces.group(1))).isGreaterThanOrEqualTo(kept);
        assertThat(SampleFiles.sha256(out.resolve("big.bin"))).isEqualTo(SampleFiles.sha256(original));
        assertThat(out.resolve("big.bin.part")).doesNotExist();

        Result again = cli.run(fetch);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("big.bin is already complete");

        Path other = work.resolve("other");
        SampleFiles.random(other.resolve("big.bin"), 1000, 3);
        Result refused = cli.run("fetch", link, "-o", other.toString(), "--data-dir", fetcher.dataDir().toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("big.bin already exists and is not this content");
        assertThat(other.resolve("big.bin")).hasSize(1000);
    }

    @Test
    void aClientKilledOutrightStopsItsFetchButADetachedFetchRunsOn() throws Exception {
        seederAndFetcher();
        Path out = work.resolve("out");
        Client client = cli.launchClient("fetch", link, "-o", out.toString(), "--data-dir", fetcher.dataDir().toString());
        freezeSeederOnceAPieceIsKept(out, client);
        client.process().destroyForcibly().waitFor(); // kill -9: no hook runs, the node must notice
        ChordiaProcesses.awaitEventually("the node cancels the fetch of a client that went away",
                () -> transfers(fetcher).get(0).get("state").asText().equals("paused"));

        // A detached fetch is stopped by id: with the seeder still frozen it cannot have finished.
        String[] detach = {"fetch", link, "-o", out.toString(), "--detach", "--data-dir", fetcher.dataDir().toString()};
        Result stalled = cli.run(detach);
        assertThat(stalled.exit()).as(stalled.err()).isZero();
        String id = stalled.out().strip();
        Result cancel = cli.run("cancel", id.substring(0, 10), "--data-dir", fetcher.dataDir().toString());
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out().strip()).matches("cancelled big\\.bin: \\d+ of 1024 pieces kept in \\S+big\\.bin\\.part; "
                + "run the same fetch command to resume");
        assertThat(transfers(fetcher)).as("the fetch run again replaced its paused entry").hasSize(1);
        assertThat(transfers(fetcher).get(0).get("state").asText()).isEqualTo("paused");
        Result again = cli.run("cancel", id, "--data-dir", fetcher.dataDir().toString());
        assertThat(again.out().strip()).matches("the fetch of big\\.bin was already paused: \\d+ of 1024 pieces kept in "
                + "\\S+big\\.bin\\.part; run the same fetch command to resume");
        Result unknown = cli.run("cancel", "ffff", "--data-dir", fetcher.dataDir().toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("chordia: no fetch of ffff in this node");
        ChordiaProcesses.signal(seeder.process(), "CONT");

        Result detached = cli.run(detach);
        assertThat(detached.exit()).as(detached.err()).isZero();
        assertThat(detached.out().strip()).isEqualTo(Link.parse(link).contentId().toHex());
        ChordiaProcesses.awaitEventually("the detached fetch finishes in the node",
                () -> transfers(fetcher).get(0).get("state").asText().equals("finished"));
        assertThat(SampleFiles.sha256(out.resolve("big.bin"))).isEqualTo(SampleFiles.sha256(original));
        JsonNode status = cli.status(fetcher);
        assertThat(status.get("transfers")).hasSize(1);
        assertThat(status.get("transfers").get(0).get("peers").asInt()).isEqualTo(1);
    }

    @Test
    void aDaemonKilledMidFetchLeavesThePartFileAndOneLineAndARestartResumes() throws Exception {
        seederAndFetcher();
        Path out = work.resolve("out");
        String[] fetch = {"fetch", link, "-o", out.toString(), "--data-dir", fetcher.dataDir().toString()};
        Client client = cli.launchClient(fetch);
        int journalled = freezeSeederOnceAPieceIsKept(out, client);
        // The client learns the kept pieces from the progress lines (every 250 ms): let one carry them.
        ChordiaProcesses.awaitEventually("the node reports the kept pieces",
                () -> transfers(fetcher).get(0).get("keptPieces").asInt() >= journalled);
        fetcher.process().destroyForcibly().waitFor();
        Result broken = client.await();
        assertThat(broken.exit()).as(broken.err()).isEqualTo(1);
        assertThat(broken.err()).startsWith("chordia: the node stopped during the fetch; ")
                .containsPattern("\\d+ of 1024 pieces kept in \\S+big\\.bin\\.part")
                .contains("start the node again and run the same command to resume")
                .doesNotContain("Exception");
        assertThat(out.resolve("big.bin")).doesNotExist();
        assertThat(out.resolve("big.bin.part")).exists();

        ChordiaProcesses.signal(seeder.process(), "CONT");
        cli.startNode(fetcher.dataDir(), "--host", "127.0.0.1", "--port", "0");
        JsonNode paused = transfers(fetcher).get(0);
        assertThat(paused.get("state").asText()).as("listed again after the restart").isEqualTo("paused");
        assertThat(paused.get("why").asText()).isEqualTo("the node stopped before it finished");
        assertThat(paused.get("keptPieces").asInt()).isGreaterThanOrEqualTo(journalled);
        Result listed = cli.run("transfers", "--data-dir", fetcher.dataDir().toString());
        assertThat(listed.out()).contains("  resume: chordia fetch '" + link + "' -o '" + out + "'");
        Result resumed = cli.run(fetch);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resumed: ");
        assertThat(SampleFiles.sha256(out.resolve("big.bin"))).isEqualTo(SampleFiles.sha256(original));
    }

    @Test
    void aLinkNobodySharesFailsAtOnceAndSharesUnshareAndTransfersSayWhatTheNodeDoes() throws Exception {
        Daemon alone = cli.startNode(work.resolve("alone"), "--host", "127.0.0.1", "--port", String.valueOf(ChordiaProcesses.freePort()));
        String dataDir = alone.dataDir().toString();
        String nobody = "chordia:" + "ab".repeat(20) + "?name=nothing.bin&size=100";
        long start = System.nanoTime();
        Result none = cli.run("fetch", nobody, "-o", work.resolve("none").toString(), "--data-dir", dataDir);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(none.exit()).as(none.err()).isEqualTo(1);
        assertThat(none.err()).startsWith("chordia: no peer shares nothing.bin: the DHT lookup found nobody announcing " + "ab".repeat(20));
        assertThat(seconds).as("fails at once (JVM start included), not after the 60-s stall").isLessThan(15);
        assertThat(transfers(alone).get(0).get("state").asText()).isEqualTo("failed");

        Path file = SampleFiles.random(work.resolve("mine").resolve("song.bin"), 100_000, 5);
        Result shared = cli.run("share", file.toString(), "--data-dir", dataDir);
        assertThat(shared.exit()).as(shared.err()).isZero();
        String id = Link.parse(shared.out().strip()).contentId().toHex();
        Result listed = cli.run("shares", "--data-dir", dataDir);
        assertThat(listed.out()).contains(id + "  song.bin  " + io.chordia.app.ByteSize.format(100_000) + "  " + file).contains(shared.out().strip());
        Result unshared = cli.run("unshare", id.substring(0, 8), "--data-dir", dataDir);
        assertThat(unshared.exit()).as(unshared.err()).isZero();
        assertThat(unshared.out().strip()).startsWith("no longer sharing song.bin (" + id + "), its files stay; ")
                .matches(".*its announcement is withdrawn from [1-9]\\d* of \\d+ replicas; a copy the withdrawal missed "
                        + "expires within 30 min");
        assertThat(cli.run("shares", "--data-dir", dataDir).out().strip()).isEqualTo("this node shares nothing");
        assertThat(file).exists();
        Result again = cli.run("unshare", id, "--data-dir", dataDir);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("chordia: this node does not share " + id);
        assertThat(Files.readString(alone.dataDir().resolve("shares.txt"))).doesNotContain(id);
    }
}
