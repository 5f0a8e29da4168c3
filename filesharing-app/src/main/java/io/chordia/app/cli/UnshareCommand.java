package io.chordia.app.cli;

import io.chordia.app.control.Json;
import io.chordia.app.node.ShareCommands.UnshareReply;
import io.chordia.app.node.ShareCommands.UnshareRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chordia unshare ID}: the node stops serving and announcing a content; its files stay. */
@Command(name = "unshare", mixinStandardHelpOptions = true,
        description = "Stop serving and announcing a content (the files stay); ID as 'chordia shares' lists it, or its start.")
final class UnshareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The content id, or enough of its start to name one.")
    String id;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        UnshareReply reply = daemon.call("unshare", new UnshareRequest(id), UnshareReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        } else {
            daemon.out().println("no longer sharing " + reply.name() + " (" + reply.id() + "); its files stay; "
                    + "peers stop being sent to it when its announcement expires (30 min at most)");
        }
        return 0;
    }
}
