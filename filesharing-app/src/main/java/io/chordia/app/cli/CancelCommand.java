package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.FetchCommands.CancelReply;
import io.chordia.app.node.FetchCommands.CancelRequest;
import io.chordia.app.share.store.ResumeState;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chordia cancel ID}: stops a fetch the node runs (a detached one, say), keeping its
 * verified pieces for a resume; the verb Ctrl-C on {@code chordia fetch} uses too.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Stop a fetch the node runs, keeping its verified pieces (the same fetch command resumes it); "
                + "ID as 'chordia transfers' lists it, or its start.")
final class CancelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The content id of the fetch, or enough of its start to name one.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "The fetch's output directory, when the node fetches the same content into several.")
    Path outDir;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        String prefix = id.strip().toLowerCase(Locale.ROOT);
        if (prefix.isEmpty()) {
            throw new UserFacingException("no transfer id given", "chordia transfers lists them");
        }
        CancelReply reply = daemon.call("cancel", new CancelRequest(prefix,
                outDir == null ? null : outDir.toAbsolutePath().normalize().toString()), CancelReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        } else {
            daemon.out().println(describe(reply));
        }
        return 0;
    }

    static String describe(CancelReply r) {
        String kept = ResumeState.describe(r.keptPieces(), r.totalPieces(), r.path()) + "; run the same fetch command to resume";
        if (r.stopped()) {
            return "cancelled " + r.name() + ": " + kept;
        }
        return switch (r.state()) {
            case "finished" -> "the fetch of " + r.name() + " had already finished: " + r.path();
            case "paused" -> "the fetch of " + r.name() + " was already paused: " + kept;
            default -> "the fetch of " + r.name() + " had already ended (" + r.state() + ")";
        };
    }
}
