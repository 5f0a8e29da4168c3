package io.chordia.app.cli;

import io.chordia.app.ByteSize;
import io.chordia.app.control.Json;
import io.chordia.app.node.ShareCommands.SharesReply;
import io.chordia.app.node.ShareCommands.SharesRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code chordia shares}: what the running node serves (shared, or fetched and seeded). */
@Command(name = "shares", mixinStandardHelpOptions = true,
        description = "List what the running node serves: id, name, size, path and link.")
final class SharesCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        SharesReply reply = daemon.call("shares", new SharesRequest(), SharesReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
            return 0;
        }
        if (reply.shares().isEmpty()) {
            daemon.out().println("this node shares nothing");
            return 0;
        }
        for (var s : reply.shares()) {
            daemon.out().printf("%s  %s  %s  %s%n  %s%n", s.id(), s.name(), ByteSize.format(s.size()), s.path(), s.link());
        }
        return 0;
    }
}
