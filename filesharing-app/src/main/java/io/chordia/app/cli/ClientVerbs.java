package io.chordia.app.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The verbs that only talk to a running node (or print the version), and {@code node} itself, run
 * under a root that knows nothing else: their help, errors and exit codes are those of the whole
 * tree ({@code ClientVerbsTest} compares them), without building every other command and loading
 * what their options name (the simulator, bootstrap, Netty for a client).
 */
final class ClientVerbs {
    static final List<String> VERBS = List.of("status", "get", "put", "lookup", "share", "fetch", "transfers", "cancel", "shares",
            "unshare", "dashboard", "announce", "peers", "version", "node");

    private ClientVerbs() {}

    /** {@code verb}'s command line under a lean {@code chordia} root, or null when it is not a client verb. */
    static CommandLine commandLine(String verb) {
        Object command = command(verb);
        if (command == null) {
            return null;
        }
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand(verb, command);
        return ChordiaCommand.configure(root);
    }

    // A switch, not a map of constructor references: a lambda's bootstrap alone costs a client tens of milliseconds.
    static Object command(String verb) {
        switch (verb) {
            case "status":
                return new StatusCommand();
            case "get":
                return new GetCommand();
            case "put":
                return new PutCommand();
            case "lookup":
                return new LookupCommand();
            case "share":
                return new ShareCommand();
            case "fetch":
                return new FetchCommand();
            case "transfers":
                return new TransfersCommand();
            case "cancel":
                return new CancelCommand();
            case "shares":
                return new SharesCommand();
            case "unshare":
                return new UnshareCommand();
            case "dashboard":
                return new DashboardCommand();
            case "announce":
                return new AnnounceCommand();
            case "peers":
                return new PeersCommand();
            case "version":
                return new VersionCommand();
            case "node":
                return new NodeCommand();
            default:
                return null;
        }
    }

    /** {@link ChordiaCommand} as its subcommands see it: the name, version and inherited {@code --verbose}. */
    @Command(name = "chordia", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class Root {
        @Option(names = "--verbose", scope = ScopeType.INHERIT, description = ChordiaCommand.VERBOSE_DESCRIPTION)
        boolean verbose;
    }
}
