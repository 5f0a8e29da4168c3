package io.chordia.app.cli;

import io.chordia.app.control.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code chordia dashboard}: the running node's dashboard link again, as its start banner printed it. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Print the link to the running node's web dashboard (127.0.0.1 only).",
                "The link holds the node's control secret: whoever has it can control the node."})
final class DashboardCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        String link = daemon.dashboardLink();
        daemon.out().println(daemon.json ? Json.pretty(Map.of("link", link)) : link);
        return 0;
    }
}
