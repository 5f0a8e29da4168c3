package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.Keys;
import io.chordia.app.node.NodeCommands.LookupReply;
import io.chordia.app.node.NodeCommands.LookupRequest;
import io.chordia.routing.LookupStyle;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chordia lookup KEY}: which node is responsible, and the route there. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Find the node responsible for KEY (40 hex digits, or text whose SHA-1 is the id) and show the hops.")
final class LookupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--style", paramLabel = "iterative|recursive", defaultValue = "iterative",
            description = "Iterative: this node asks every hop; recursive: each hop forwards (default: ${DEFAULT-VALUE}).")
    String style;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        String id = Keys.parse(key).toHex();
        LookupStyle chosen;
        try {
            chosen = LookupStyle.valueOf(style.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("unknown lookup style '" + style + "'", "use --style iterative or --style recursive");
        }
        LookupReply reply = daemon.call("lookup", new LookupRequest(id, chosen.name()), LookupReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        } else if (reply.owner() != null) {
            daemon.out().printf(Locale.ROOT, "key    %s%nowner  %s%nhops   %d (%d %s, %.1f ms, %s)%npath   %s%n",
                    id, reply.owner(), reply.hops(), reply.messages(), reply.messages() == 1 ? "message" : "messages", reply.millis(), chosen.name().toLowerCase(Locale.ROOT),
                    reply.path().isEmpty() ? "(answered locally)" : String.join(" -> ", reply.path()));
        }
        if (reply.owner() == null) {
            throw new UserFacingException("the lookup of " + key + " failed: " + reply.status(),
                    "try again; 'chordia status' shows whether the node has contacts");
        }
        return 0;
    }
}
