package io.chordia.app.cli;

import io.chordia.app.control.Json;
import io.chordia.app.node.ShareCommands.FetchReply;
import io.chordia.app.node.ShareCommands.FetchRequest;
import io.chordia.app.node.ShareCommands.FetchUpdate;
import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.ProgressBar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chordia fetch LINK [-o DIR]}: the running node downloads the content from the peers that
 * have it; a progress bar on a terminal, one summary line otherwise. Interrupted, the same command
 * resumes.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download a link through the running node, verified piece by piece; run again to resume.")
final class FetchCommand implements Callable<Integer> {
    static final Duration TIMEOUT = Duration.ofDays(7);

    @Parameters(index = "0", paramLabel = "LINK", description = "The line 'chordia share' printed.")
    String link;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to put it (default: the current directory).")
    Path outDir = Path.of("");

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        ProgressBar bar = ProgressBar.forStderr();
        FetchRequest request = new FetchRequest(link, outDir.toAbsolutePath().normalize().toString());
        FetchReply reply = daemon.call("fetch", request, FetchReply.class, TIMEOUT,
                update -> bar.onProgress(Json.mapper().convertValue(update, FetchUpdate.class).toProgress()));
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        } else {
            bar.onProgress(new FetchProgress(reply.name(), reply.totalBytes(), reply.totalBytes(), reply.downloadedBytes(),
                    reply.seconds() > 0 ? reply.downloadedBytes() / reply.seconds() : 0, reply.peersUsed(), null, true));
            daemon.out().println(reply.path());
        }
        return 0;
    }
}
