package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.Keys;
import io.chordia.app.node.NodeCommands.PutReply;
import io.chordia.app.node.NodeCommands.PutRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chordia put KEY VALUE}, and BEP 44's {@code put --immutable VALUE} and {@code put --mutable ... VALUE}. */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = {"Store VALUE under KEY through the running node.", "KEY: 40 hex digits are the id itself;"
                + " any other text is hashed (id = SHA-1 of its UTF-8 bytes). A later put of the same key wins.",
                "On a mainline node (BEP 44 items): put --immutable VALUE prints the item's target (40 hex) on its last"
                        + " line; put --mutable --key-file FILE [--salt S] [--seq N] VALUE signs VALUE with the key in FILE"
                        + " (created, owner-only, when missing) and prints the public key, then the target on the last line."})
final class PutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE")
    String value;

    @Option(names = "--immutable", description = "Store VALUE (the only parameter) as a BEP 44 immutable item.")
    boolean immutable;

    @Option(names = "--mutable", description = "Store VALUE (the only parameter) as a BEP 44 mutable item signed with --key-file.")
    boolean mutable;

    @Option(names = "--key-file", paramLabel = "FILE", description = "The Ed25519 seed of --mutable (64 hex digits);"
            + " created owner-only when missing.")
    Path keyFile;

    @Option(names = "--salt", paramLabel = "S", description = "The mutable item's salt (at most 64 bytes).")
    String salt;

    @Option(names = "--seq", paramLabel = "N", description = "The mutable item's sequence number"
            + " (default: one more than the network holds, put only if that is still the newest).")
    String seq;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long the record lives, e.g. 30m, 1h, 2d"
            + " (default: 1 hour while the node republishes it).")
    Duration ttl;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        if (immutable || mutable || keyFile != null || salt != null || seq != null) {
            return new ItemPut(this).call();
        }
        if (value == null) {
            throw new UserFacingException("no VALUE to store under " + key,
                    "chordia put KEY VALUE, or on a mainline node chordia put --immutable VALUE");
        }
        String id = Keys.parse(key).toHex();
        PutReply reply = daemon.call("put", new PutRequest(id, value, ttl == null ? 0 : ttl.toSeconds()), PutReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        }
        switch (reply.status()) {
            case "OK":
                if (!daemon.json) {
                    daemon.out().printf("stored %s on %d of %d replicas%s: %s%n", id, reply.stored().size(), reply.wanted(),
                            reply.shortfall().isEmpty() ? "" : " (" + reply.shortfall() + ")", String.join(", ", reply.stored()));
                }
                if (reply.stored().size() < reply.wanted()) {
                    daemon.err().printf("chordia: warning: %d %s of the %d wanted; it is lost if %s; repair adds copies"
                                    + " as nodes join or answer again%n", reply.stored().size(),
                            reply.stored().size() == 1 ? "copy" : "copies", reply.wanted(),
                            reply.stored().size() == 1 ? "that node is" : "those nodes are");
                }
                return 0;
            case "FAILED":
                throw failed(reply);
            default:
                throw new UserFacingException("could not store " + key + ": refused (" + reply.detail() + ")"
                        + (reply.stored().isEmpty() ? "" : "; stored on " + String.join(", ", reply.stored()) + " before that"),
                        "a newer record, or one of another kind, holds this key");
        }
    }

    /** A put below its quorum may still have been stored somewhere: say exactly where. */
    private UserFacingException failed(PutReply reply) {
        String missing = reply.missing().isEmpty() ? "" : "; " + String.join(", ", reply.missing()) + " did not";
        if (reply.stored().isEmpty()) {
            return new UserFacingException("could not store " + key + ": none of " + reply.missing().size()
                    + " replicas stored it" + missing, "nothing was stored; try again, 'chordia status' shows whether the node"
                    + " has contacts");
        }
        return new UserFacingException("could not store " + key + ": only " + reply.stored().size() + " of the "
                + reply.needed() + " replicas needed stored it (" + String.join(", ", reply.stored()) + missing + ")",
                "the value is held there only and may be lost: put it again when the others answer");
    }
}
