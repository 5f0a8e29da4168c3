package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.NetworkListener;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.TestIds;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A recursive lookup's answer goes to the origin its query names, so the first hop routes only
 * for an origin that sent the query itself from a verified address; anyone else is refused, and a
 * refused origin looks up iteratively.
 */
class ChordRecursiveOriginSimTest {
    private static final LinkConditions LINK = LinkConditions.ideal(Duration.ofMillis(10));

    @Test
    void noNodeVerifiedAnyOriginSoEveryRecursiveLookupFallsBackToIterativeAndStillFindsTheOwner() {
        ChordSim chord = new ChordSim(7, LINK, ChordConfig.defaults());
        List<ChordNode> nodes = chord.convergedRing(64, true);
        for (ChordNode node : nodes) {
            node.rpc().scheduler().execute(() -> node.rpc().verifyAddressesWith(address -> false));
        }
        List<String> sent = new ArrayList<>();
        chord.sim.network.addListener(new NetworkListener() {
            @Override
            public void onSent(Envelope envelope, Address from, int bytes) {
                sent.add(envelope.body().getClass().getSimpleName());
            }
        });
        List<NodeId> keys = new ArrayList<>();
        List<LookupResult> results = chord.lookups(200, 50, LookupStyle.RECURSIVE, keys);

        assertThat(chord.wrongOwners(results, keys)).isZero();
        assertThat(sent).as("tried recursively first").contains("RouteLookup")
                .as("no first hop routed, so no answer went anywhere").doesNotContain("LookupDone");
    }

    @Test
    void aQueryNamingAnotherOriginOrComingFromAnUnverifiedOneIsRefusedAndNobodyIsAnswered() {
        ChordSim chord = new ChordSim(8, LINK, ChordConfig.defaults());
        ChordNode hop = chord.convergedRing(16, true).get(0);
        List<Envelope> toVictim = new ArrayList<>();
        Contact victim = new Contact(NodeId.sha1Of("victim"), TestIds.address(901));
        chord.sim.network.attach(victim.address()).transport().onReceive((envelope, source) -> toVictim.add(envelope));
        Contact attacker = new Contact(NodeId.sha1Of("attacker"), TestIds.address(900));
        SimEndpoint attackerEndpoint = chord.sim.network.attach(attacker.address());
        RpcEndpoint rpc = chord.sim.rpcNodeOn(attackerEndpoint, attacker, 900, RpcConfig.defaults());
        NodeId key = NodeId.sha1Of("key");

        assertThat(refusal(chord, rpc.call(hop.self(), new RouteLookup(key, 5, victim, 1, List.of()))))
                .isEqualTo(ErrorCode.BAD_REQUEST);
        hop.rpc().scheduler().execute(() -> hop.rpc().verifyAddressesWith(address -> false));
        assertThat(refusal(chord, rpc.call(hop.self(), new RouteLookup(key, 6, attacker, 1, List.of()))))
                .isEqualTo(ErrorCode.REFUSED);
        hop.rpc().scheduler().execute(() -> hop.rpc().verifyAddressesWith(attacker.address()::equals));
        CompletableFuture<Ack> accepted = rpc.call(hop.self(), new RouteLookup(key, 7, attacker, 1, List.of()));
        chord.sim.runUntil(accepted::isDone, Duration.ofSeconds(5), "ack");
        assertThat(accepted).as("a verified origin is served").isCompleted();
        chord.run(Duration.ofSeconds(10));

        assertThat(toVictim).isEmpty();
    }

    private static ErrorCode refusal(ChordSim chord, CompletableFuture<?> call) {
        chord.sim.runUntil(call::isDone, Duration.ofSeconds(5), "refusal");
        try {
            call.join();
            throw new AssertionError("served");
        } catch (CompletionException e) {
            return ((RemoteErrorException) e.getCause()).code();
        }
    }
}
