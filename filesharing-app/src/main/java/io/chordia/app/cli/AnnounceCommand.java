package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.Keys;
import io.chordia.app.node.SwarmCommands.AnnounceReply;
import io.chordia.app.node.SwarmCommands.AnnounceRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chordia announce INFOHASH --port P}: BEP 5's announce_peer to the nodes closest to the infohash. */
@Command(name = "announce", mixinStandardHelpOptions = true,
        description = "Announce this machine as a peer of the swarm INFOHASH (40 hex digits) at port P, on a --protocol mainline node.")
final class AnnounceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INFOHASH")
    String infoHash;

    @Option(names = "--port", paramLabel = "P", required = true, description = "The port peers should connect to.")
    int port;

    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        String id = Keys.parseInfoHash(infoHash).toHex();
        AnnounceReply reply = daemon.call("announce", new AnnounceRequest(id, port), AnnounceReply.class);
        if (daemon.json) {
            daemon.out().println(Json.pretty(reply));
        } else {
            daemon.out().println("announced " + id + " port " + port + ": " + reply.accepted().size() + " of "
                    + reply.asked().size() + (reply.asked().size() == 1 ? " node" : " nodes") + " accepted"
                    + (reply.storedHere() ? ", and this node holds it" : ""));
        }
        if (reply.accepted().isEmpty() && !reply.storedHere()) {
            throw new UserFacingException("no node accepted the announce of " + id + " (lookup " + reply.status() + ")",
                    "try again; 'chordia status' shows whether the node has contacts");
        }
        return 0;
    }
}
