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
            daemon.out().println(describe(reply));
        }
        return 0;
    }

    /** What stopped and what was withdrawn, and how long a copy the withdrawal missed can still list the node. */
    static String describe(UnshareReply r) {
        long minutes = Math.max(1, (r.expiresInSeconds() + 59) / 60);
        String withdrawal = r.withdrawnFrom() > 0
                ? "its announcement is withdrawn from " + r.withdrawnFrom() + " of " + r.replicas()
                        + " replicas; a copy the withdrawal missed expires within " + minutes + " min"
                : "the withdrawal did not land (" + r.withdrawal() + "): the announcement expires within " + minutes + " min";
        return "no longer sharing " + r.name() + " (" + r.id() + "), its files stay; " + withdrawal;
    }
}
