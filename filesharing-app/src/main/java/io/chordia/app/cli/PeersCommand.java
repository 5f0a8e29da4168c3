package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.Keys;
import io.chordia.app.node.SwarmCommands.PeersReply;
import io.chordia.app.node.SwarmCommands.PeersRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code chordia peers INFOHASH}: BEP 5's get_peers lookup. Stdout holds one {@code ip:port} per
 * line and nothing else, for scripts; the count goes to stderr.
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Print the peers of the swarm INFOHASH (40 hex digits), one ip:port per line, on a --protocol mainline node.")
final class PeersCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INFOHASH")
    String infoHash;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        String id = Keys.parseInfoHash(infoHash).toHex();
        PeersReply reply = daemon.call("peers", new PeersRequest(id), PeersReply.class);
        if (reply.peers().isEmpty() && !"OK".equals(reply.status())) {
            throw new UserFacingException("the get_peers lookup of " + id + " failed: " + reply.status(),
                    "try again; 'chordia status' shows whether the node has contacts");
        }
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
            return 0;
        }
        for (String peer : reply.peers()) {
            daemon.out().println(peer);
        }
        daemon.err().println(reply.peers().size() + (reply.peers().size() == 1 ? " peer" : " peers") + " from "
                + reply.responders() + (reply.responders() == 1 ? " node" : " nodes"));
        return 0;
    }
}
