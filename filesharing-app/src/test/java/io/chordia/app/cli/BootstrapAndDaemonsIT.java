package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses.Daemon;
import io.chordia.app.cli.ChordiaProcesses.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real public bootstrap node ({@code chordia bootstrap}, Kademlia, hardened: it stores nothing
 * and hands out only contacts that answered it) and three daemons that join through it: put
 * through one, get through another; kill -9 the writer, the value is still read.
 */
class BootstrapAndDaemonsIT extends ProcessesFixture {
    @Test
    void daemonsJoinThroughABootstrapNodeAndKeepTheirDataWhenOneIsKilled() throws Exception {
        int bootPort = ChordiaProcesses.freePort();
        Daemon boot = cli.launch("bootstrap", work.resolve("boot"), "--host", "127.0.0.1", "--port",
                String.valueOf(bootPort), "--protocol", "kademlia", "--metrics-port", String.valueOf(ChordiaProcesses.freePort()));
        ChordiaProcesses.awaitTrue("the bootstrap node to listen (" + boot.log() + ")", () -> {
            assertThat(boot.process().isAlive()).as("bootstrap exited early:\n%s", boot.output()).isTrue();
            return boot.output().contains("listening on udp");
        });
        List<Daemon> daemons = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            daemons.add(cli.launchNode(work.resolve("d" + i), "--protocol", "kademlia", "--host", "127.0.0.1",
                    "--port", String.valueOf(ChordiaProcesses.freePort()), "--bootstrap", "127.0.0.1:" + bootPort));
        }
        for (Daemon d : daemons) {
            cli.awaitServing(d);
        }
        for (Daemon d : daemons) {
            // The two other daemons, learnt through the bootstrap node (and perhaps the node itself).
            ChordiaProcesses.awaitEventually("every daemon knows the two others", () ->
                    cli.status(d).get("routingContacts").asInt() >= 2);
        }

        Result put = cli.run("put", "greeting", "hello through a bootstrap node", "--data-dir", daemons.get(0).dataDir().toString());
        assertThat(put.exit()).as(put.err()).isZero();
        Result got = cli.run("get", "greeting", "--data-dir", daemons.get(1).dataDir().toString());
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(got.out()).isEqualTo("hello through a bootstrap node\n");

        daemons.get(0).process().destroyForcibly().waitFor();
        Result afterKill = cli.run("get", "greeting", "--data-dir", daemons.get(2).dataDir().toString());
        assertThat(afterKill.exit()).as(afterKill.err()).isZero();
        assertThat(afterKill.out()).isEqualTo("hello through a bootstrap node\n");
        assertThat(boot.process().isAlive()).isTrue();
    }
}
