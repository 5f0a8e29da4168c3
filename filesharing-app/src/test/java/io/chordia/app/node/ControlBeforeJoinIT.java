package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlClient;
import io.chordia.app.node.NodeCommands.PutReply;
import io.chordia.app.node.NodeCommands.PutRequest;
import io.chordia.app.node.NodeCommands.StatusRequest;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node answers {@code status} on its control port while it is still joining (here through a
 * bootstrap node that never answers): status says "joining", what needs the network says the node
 * is still joining, and the failed join then removes the port file.
 */
class ControlBeforeJoinIT {
    @TempDir
    Path work;

    @Test
    void statusIsAnsweredBeforeTheJoinEnds() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DataDir data = new DataDir(work.resolve("node"));
            NodeSettings settings = NodeSettings.defaults().withHost("127.0.0.1").withPort(0)
                    .withBootstrap(List.of("127.0.0.1:" + silent.getLocalPort())).withDataDir(data.root());
            CompletableFuture<PeerDaemon> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return PeerDaemon.start(settings);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(data.controlPortFile()) && System.nanoTime() < deadline && !starting.isDone()) {
                Thread.sleep(20);
            }
            assertThat(data.controlPortFile()).as("the control port file while joining").exists();
            ControlClient client = new ControlClient(Integer.parseInt(Files.readString(data.controlPortFile()).strip()),
                    Files.readString(data.controlSecretFile()).strip());

            NodeStatus status = client.call("status", new StatusRequest(), NodeStatus.class, Duration.ofSeconds(10), p -> { });
            assertThat(status.joinedVia()).isEqualTo(PeerDaemon.JOINING);
            assertThat(starting).as("still joining when status answered").isNotDone();
            assertThatThrownBy(() -> client.call("put", new PutRequest("k", "v", 0), PutReply.class, Duration.ofSeconds(10),
                    p -> { })).isInstanceOf(UserFacingException.class).hasMessageContaining("still joining");

            assertThatThrownBy(() -> starting.get(2, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(UserFacingException.class).rootCause().hasMessageContaining("could not join");
            assertThat(data.controlPortFile()).as("removed when the start failed").doesNotExist();
        }
    }
}
