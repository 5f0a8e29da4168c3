package io.chordia.app.cli;

import io.chordia.app.ByteSize;
import io.chordia.app.control.Json;
import io.chordia.app.node.NodeCommands.StatusRequest;
import io.chordia.app.node.NodeStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chordia.app.node.FetchCommands.TransfersReply;
import io.chordia.app.node.FetchCommands.TransfersRequest;
import io.chordia.app.node.Transfer.TransferView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code chordia status}: what the running node knows about itself. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running node's id, protocol, address, uptime, routing table, leaf set, records, traffic and transfers.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    DaemonOptions daemon;

    @Override
    public Integer call() throws Exception {
        NodeStatus s = daemon.call("status", new StatusRequest(), NodeStatus.class);
        List<TransferView> transfers = daemon.call("transfers", new TransfersRequest(), TransfersReply.class).transfers();
        if (daemon.json) {
            ObjectNode both = Json.mapper().valueToTree(s);
            both.set("transfers", Json.mapper().valueToTree(transfers));
            daemon.out().println(Json.pretty(both));
            return 0;
        }
        NodeStatus.Traffic t = s.traffic();
        Duration up = Duration.ofSeconds(s.uptimeSeconds());
        daemon.out().printf("node       %s%n", s.nodeId());
        daemon.out().printf("protocol   %s on %s%n", s.protocol(), s.address());
        daemon.out().printf("uptime     %dh %02dm %02ds (joined via %s)%n", up.toHours(), up.toMinutesPart(),
                up.toSecondsPart(), s.joinedVia());
        daemon.out().printf("routing    %s (%d contacts, %d saved for restarts)%n", s.routing(), s.routingContacts(),
                s.savedContacts());
        daemon.out().printf("leaf set   %s%n", s.leafSet().isEmpty() ? "(empty)" : String.join(" ", s.leafSet()));
        daemon.out().printf("network    %s%n", s.networkSizeLookups() == 0 ? "size unknown until a lookup"
                : String.format("about %,.0f nodes (from the nearest nodes of %d lookups)", s.networkSizeEstimate(),
                s.networkSizeLookups()));
        daemon.out().printf("records    %d (%s of values)%n", s.storedRecords(), ByteSize.format(s.storedValueBytes()));
        daemon.out().printf("traffic    %d datagrams sent (%s), %d received (%s), %d dropped%n", t.datagramsSent(),
                ByteSize.format(t.bytesSent()), t.datagramsReceived(), ByteSize.format(t.bytesReceived()), t.datagramsDropped());
        daemon.out().printf("rpc        %d calls, %d timeouts, %d requests served%n", t.rpcCalls(), t.rpcTimeouts(),
                t.requestsServed());
        daemon.out().printf("storage    %d puts ok, %d failed; %d gets found, %d not found, %d failed; %d repairs%n",
                t.putsOk(), t.putsFailed(), t.getsFound(), t.getsNotFound(), t.getsFailed(), t.repairStores());
        NodeStatus.Guard g = s.guard();
        daemon.out().printf("guard      %d verified peers, %d probes; %d replies and %d requests held (%d now), "
                + "%d replies refused, %d unverified budgets%n", g.verifiedPeers(), g.probesSent(), g.repliesHeld(),
                g.requestsHeld(), g.heldNow(), g.repliesRefused(), g.budgets());
        Map<String, Long> byState = transfers.stream().collect(Collectors.groupingBy(TransferView::state, Collectors.counting()));
        daemon.out().printf("transfers  %d active, %d paused, %d failed, %d finished (chordia transfers lists them)%n",
                byState.getOrDefault("active", 0L), byState.getOrDefault("paused", 0L), byState.getOrDefault("failed", 0L),
                byState.getOrDefault("finished", 0L));
        return 0;
    }
}
