package io.chordia.app.cli;

import io.chordia.app.ByteSize;
import io.chordia.app.control.Json;
import io.chordia.app.node.FetchCommands.TransfersReply;
import io.chordia.app.node.FetchCommands.TransfersRequest;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code chordia transfers}: the node's fetches, active, paused (cancelled, or running when the node
 * last stopped), failed and finished, and for a paused one the command that resumes it.
 */
@Command(name = "transfers", mixinStandardHelpOptions = true,
        description = "List the node's fetches (active, paused, failed, finished) with progress, peers and speed, "
                + "and the command that resumes a paused one.")
final class TransfersCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        TransfersReply reply = daemon.call("transfers", new TransfersRequest(), TransfersReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
            return 0;
        }
        if (reply.transfers().isEmpty()) {
            daemon.out().println("no transfers since the node started");
            return 0;
        }
        for (var t : reply.transfers()) {
            int percent = t.totalBytes() == 0 ? 100 : (int) Math.floor(100.0 * t.verifiedBytes() / t.totalBytes());
            String pieces = t.totalPieces() < 0 ? "no manifest yet" : t.keptPieces() + "/" + t.totalPieces() + " pieces kept";
            daemon.out().printf(Locale.ROOT, "%s  %-9s %3d%%  %s of %s  %s  %d %s  %s  %s%s%n", t.id().substring(0, 12),
                    t.state(), percent, ByteSize.format(t.verifiedBytes()), ByteSize.format(t.totalBytes()), pieces, t.peers(),
                    t.peers() == 1 ? "peer" : "peers", ByteSize.perSecond(t.bytesPerSecond()), t.path(),
                    t.why() == null ? "" : "  (" + t.why() + ")");
            if (t.state().equals("paused") && t.source() != null) {
                daemon.out().printf("  resume: chordia fetch %s -o %s%n", shellQuoted(t.source()), shellQuoted(t.outDir()));
            }
        }
        return 0;
    }

    /** {@code text} as one shell word, to paste. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
