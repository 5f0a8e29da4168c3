package io.chordia.app.cli;

import io.chordia.app.control.Json;
import io.chordia.app.node.ShareCommands.ShareReply;
import io.chordia.app.node.ShareCommands.ShareRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chordia share PATH}: the running node serves a file or directory; the link goes to stdout. */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = "Share a file or a directory through the running node and print its link.")
final class ShareCommand implements Callable<Integer> {
    /** Hashing reads the whole content: about 1 s per GiB here, far more on a slow disk. */
    static final Duration TIMEOUT = Duration.ofHours(1);

    @Parameters(index = "0", paramLabel = "PATH", description = "The file or directory to share.")
    Path path;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        ShareReply reply = daemon.call("share", new ShareRequest(path.toAbsolutePath().normalize().toString()),
                ShareReply.class, TIMEOUT, progress -> { });
        daemon.out().println(daemon.json ? Json.pretty(reply) : reply.link());
        return 0;
    }
}
