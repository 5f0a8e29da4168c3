package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.ItemCommands.GetItemReply;
import io.chordia.app.node.ItemCommands.GetItemRequest;
import io.chordia.app.node.Keys;
import io.chordia.app.node.NodeCommands.GetReply;
import io.chordia.app.node.NodeCommands.GetRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chordia get KEY}: the value and exit 0, or "not found" and exit 1. On a mainline node the
 * KEY is a BEP 44 immutable item's target (the daemon decides, since only it knows its protocol),
 * and {@code get --public-key HEX [--salt S]} reads a mutable item.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Print the value stored under KEY (40 hex digits, or text whose SHA-1 is the id); exit 1 if there is none.",
                "On a mainline node KEY is a BEP 44 immutable item's TARGET (40 hex), and --public-key HEX [--salt S]"
                        + " prints a mutable item's value, then its seq."})
final class GetCommand implements Callable<Integer> {
    static final int NOT_FOUND = 1;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY")
    String key;

    @Option(names = "--public-key", paramLabel = "HEX", description = "Read the BEP 44 mutable item of this Ed25519 key (64 hex).")
    String publicKey;

    @Option(names = "--salt", paramLabel = "S", description = "The mutable item's salt (with --public-key).")
    String salt;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        if (publicKey != null || salt != null) {
            return getMutable();
        }
        if (key == null) {
            throw new UserFacingException("no KEY to read", "chordia get KEY, or chordia get --public-key HEX [--salt S]");
        }
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

    private int getMutable() throws Exception {
        if (publicKey == null || key != null || !publicKey.matches("[0-9a-fA-F]{64}")) {
            throw new UserFacingException("a mutable item is read by its --public-key (64 hex digits) alone",
                    "chordia get --public-key HEX [--salt S]");
        }
        GetItemReply reply = daemon.call("get-item", new GetItemRequest(null, publicKey, salt), GetItemReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        }
        if (!"FOUND".equals(reply.status())) {
            daemon.err().println("chordia: not found: the item of " + publicKey + (salt == null ? "" : " salt " + salt)
                    + " (target " + reply.target() + ")");
            return NOT_FOUND;
        }
        if (!daemon.json) {
            daemon.out().println(reply.value());
            daemon.out().println("seq " + reply.seq());
        }
        return 0;
    }
}
