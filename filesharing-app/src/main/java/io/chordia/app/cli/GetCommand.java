package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.Keys;
import io.chordia.app.node.NodeCommands.GetReply;
import io.chordia.app.node.NodeCommands.GetRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chordia get KEY}: the value and exit 0, or "not found" and exit 1. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print the value stored under KEY (40 hex digits, or text whose SHA-1 is the id); exit 1 if there is none.")
final class GetCommand implements Callable<Integer> {
    static final int NOT_FOUND = 1;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        String id = Keys.parse(key).toHex();
        GetReply reply = daemon.call("get", new GetRequest(id), GetReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        }
        switch (reply.status()) {
            case "FOUND":
                if (!daemon.json) {
                    daemon.out().println(reply.value());
                }
                return 0;
            case "NOT_FOUND":
                daemon.err().println("chordia: not found: " + key + " (id " + id + ")");
                return NOT_FOUND;
            default:
                throw new UserFacingException("could not read " + key + ": too few replicas answered",
                        "try again; 'chordia status' shows whether the node has contacts");
        }
    }
}
