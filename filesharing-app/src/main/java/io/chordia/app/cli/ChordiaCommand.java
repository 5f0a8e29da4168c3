package io.chordia.app.cli;

import io.chordia.sim.cli.DurationConverter;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code chordia} command line: one subcommand per way of using Chordia. */
@Command(name = "chordia", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A Chord/Kademlia DHT overlay network.",
        subcommands = {DemoCommand.class, NodeCommand.class, PutCommand.class, GetCommand.class,
                LookupCommand.class, StatusCommand.class, ShareCommand.class, FetchCommand.class,
                TransfersCommand.class, CancelCommand.class, SharesCommand.class, UnshareCommand.class, DashboardCommand.class,
                AnnounceCommand.class, PeersCommand.class,
                io.chordia.bootstrap.BootstrapCommand.class,
                io.chordia.sim.cli.SimCommand.class, VersionCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class ChordiaCommand implements Runnable {
    static final String VERBOSE_DESCRIPTION = "Print stack traces with errors.";

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = VERBOSE_DESCRIPTION)
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = ClientFastPath.stdout();
        PrintWriter err = ClientFastPath.stderr();
        if (args.length > 0 && "node".equals(args[0])) {
            io.chordia.app.node.NodeLogging.startEarly();
        }
        Integer direct = ClientFastPath.run(args, out, err);
        System.exit(direct != null ? direct : execute(args));
    }

    /** Runs the command line and returns the exit code (for tests and {@link #main}). */
    public static int execute(String... args) {
        return commandLineFor(args).execute(args);
    }

    /**
     * The command line that runs {@code args}: for a client verb ({@link ClientVerbs}) a tree of that
     * verb alone, since building every command (node, simulator, bootstrap and their option types)
     * was most of a client command's start; the whole tree for everything else.
     */
    static CommandLine commandLineFor(String... args) {
        CommandLine lean = args.length == 0 ? null : ClientVerbs.commandLine(args[0]);
        return lean != null ? lean : newCommandLine();
    }

    /** The whole command line with the error handlers every run uses; tests redirect its output. */
    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new ChordiaCommand());
        // Registered here: it runs the file-sharing code, which the simulations module cannot see.
        cli.getSubcommands().get("sim").addSubcommand("swarm", new SwarmSimCommand());
        return configure(cli);
    }

    /** The handlers and converters every chordia command line has, the whole tree or one verb. */
    static CommandLine configure(CommandLine cli) {
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new io.chordia.sim.cli.OneLineUsageErrors());
        // Over the whole tree, so put --ttl 1h reads like sim --duration 1h, and a new Duration option cannot miss it.
        cli.registerConverter(Duration.class, new DurationConverter());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
