package io.chordia.app.cli;

import io.chordia.app.control.Json;
import io.chordia.app.node.Keys;
import io.chordia.app.node.NodeCommands.PutReply;
import io.chordia.app.node.NodeCommands.PutRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chordia put KEY VALUE}. */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = {"Store VALUE under KEY through the running node.", "KEY: 40 hex digits are the id itself;"
                + " any other text is hashed (id = SHA-1 of its UTF-8 bytes). A later put of the same key wins."})
final class PutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long the record lives, e.g. PT1H, P2D (default: 1 hour while the node republishes it).")
    Duration ttl;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        String id = Keys.parse(key).toHex();
        PutReply reply = daemon.call("put", new PutRequest(id, value, ttl == null ? 0 : ttl.toSeconds()), PutReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        } else if ("OK".equals(reply.status())) {
            daemon.out().printf("stored %s on %d replicas: %s%n", id, reply.replicas().size(), String.join(", ", reply.replicas()));
        }
        if (!"OK".equals(reply.status())) {
            throw new UserFacingException("could not store " + key + ": " + reply.status().toLowerCase(java.util.Locale.ROOT)
                    + (reply.detail().isEmpty() ? "" : " (" + reply.detail() + ")"),
                    "FAILED".equals(reply.status()) ? "too few nodes acknowledged it: wait for more nodes to join, or try again"
                            : "a newer record, or one of another kind, holds this key");
        }
        return 0;
    }
}
