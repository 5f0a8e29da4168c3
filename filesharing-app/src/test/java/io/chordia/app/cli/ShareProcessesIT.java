package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.share.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * File sharing as people run it: real daemons on 127.0.0.1. Two daemons share the same 64 MiB file
 * (from two copies: one link), one of them is killed with SIGKILL, and a third daemon fetches the
 * link through the DHT from the survivor: the bytes are identical (SHA-256). Seeders stopped in
 * the middle of a transfer, corrupting seeders and resumed fetches are covered in-process by the
 * share tests ({@code ShareServiceIT}, 64 MiB over real sockets).
 */
class ShareProcessesIT extends ProcessesFixture {
    private static final int SIZE = 64 << 20;

    @Test
    void shareFromTwoSeedersFetchFromAThirdWithOneSeederKilled() throws Exception {
        Path original = SampleFiles.random(work.resolve("seed-a").resolve("big.bin"), SIZE, 64);
        Path copy = Files.createDirectories(work.resolve("seed-b")).resolve("big.bin");
        Files.copy(original, copy);

        int bootPort = ChordiaProcesses.freePort();
        Daemon boot = cli.startNode(work.resolve("boot"), "--host", "127.0.0.1", "--port", String.valueOf(bootPort));
        List<Daemon> daemons = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            daemons.add(cli.launchNode(work.resolve("d" + i), "--host", "127.0.0.1",
                    "--port", String.valueOf(ChordiaProcesses.freePort()), "--bootstrap", "127.0.0.1:" + bootPort));
        }
        for (Daemon d : daemons) {
            cli.awaitServing(d);
        }
        // The ring first: a share announced while the nodes still disagree on who owns its key can be stored where
        // the fetching node's lookup, once the ring settles, does not look, and the fetch then fails at once (no peer).
        cli.awaitAcquainted(List.of(boot, daemons.get(0), daemons.get(1), daemons.get(2)));

        Result sharedA = cli.run("share", original.toString(), "--data-dir", daemons.get(0).dataDir().toString());
        assertThat(sharedA.exit()).as(sharedA.err()).isZero();
        String link = sharedA.out().strip();
        assertThat(link).startsWith("chordia:").contains("big.bin");
        Result sharedB = cli.run("share", copy.toString(), "--data-dir", daemons.get(1).dataDir().toString());
        assertThat(sharedB.exit()).as(sharedB.err()).isZero();
        assertThat(sharedB.out().strip()).as("the same bytes give the same link").isEqualTo(link);

        daemons.get(0).process().destroyForcibly().waitFor();
        Path out = work.resolve("fetched");
        Result fetched = cli.run("fetch", link, "-o", out.toString(), "--data-dir", daemons.get(2).dataDir().toString());
        assertThat(fetched.exit()).as("%s%s", fetched.err(), daemons.get(2).output()).isZero();
        assertThat(fetched.err()).as("one summary line off a terminal").startsWith("fetched big.bin: 64 MiB");
        assertThat(SampleFiles.sha256(out.resolve("big.bin"))).isEqualTo(SampleFiles.sha256(original));

        Result bad = cli.run("fetch", "chordia:not-a-link", "--data-dir", daemons.get(2).dataDir().toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("chordia: not a chordia link").doesNotContain("Exception");
        assertThat(boot.process().isAlive()).isTrue();
    }
}
