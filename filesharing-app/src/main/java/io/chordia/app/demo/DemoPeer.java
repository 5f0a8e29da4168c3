package io.chordia.app.demo;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.Reply;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.lookup.XorIterativeLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A minimal peer for the demo: it answers pings and FindNode from the contacts it has verified,
 * learns a contact only after the contact answered a ping with the id it claimed, and looks up
 * ids iteratively. State lives on the peer's node thread.
 */
final class DemoPeer {
    static final int K = 8;
    static final int ALPHA = 3;

    private final RpcEndpoint rpc;
    private final Scheduler scheduler;
    private final Transport transport;
    private final RpcConfig config;
    /** Verified contacts by id, in the order learned. */
    private final Map<NodeId, Contact> known = new LinkedHashMap<>();

    DemoPeer(NodeId id, Transport transport, Scheduler scheduler, RandomGenerator random, RpcConfig config) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.config = config;
        this.rpc = new RpcEndpoint(new Contact(id, transport.localAddress()), transport, scheduler, random, config);
        rpc.register(Ping.class, (ping, ctx) -> {
            learn(ctx.sender());
            return new Pong(ctx.source());
        });
        rpc.register(FindNode.class, (find, ctx) -> {
            learn(ctx.sender());
            List<Contact> candidates = new ArrayList<>(known.values());
            candidates.add(rpc.self());
            return new Nodes(XorIterativeLookup.closestByXor(candidates, find.target(), find.count()));
        });
    }

    Contact contact() {
        return rpc.self();
    }

    io.chordia.core.rpc.RpcStats rpcStats() {
        return rpc.stats();
    }

    Transport transport() {
        return transport;
    }

    /** Pings {@code bootstrap}, then looks up our own id through it, learning every peer met. */
    CompletableFuture<Integer> join(Address bootstrap) {
        return rpc.exchange(bootstrap, null, new Ping(), config)
                .thenCompose(reply -> onNode(() -> {
                    known.put(reply.responder().id(), reply.responder());
                    return List.of(reply.responder());
                }))
                .thenCompose(seeds -> lookup(contact().id(), seeds))
                .thenCompose(result -> onNode(() -> {
                    result.path().forEach(c -> known.putIfAbsent(c.id(), c));
                    return known.size();
                }));
    }

    CompletableFuture<Reply<Pong>> ping(Address target) {
        return rpc.exchange(target, null, new Ping(), config);
    }

    /** Looks up {@code target}, starting from our own closest verified contacts. */
    CompletableFuture<LookupResult> lookup(NodeId target) {
        return onNode(() -> XorIterativeLookup.closestByXor(known.values(), target, K))
                .thenCompose(seeds -> lookup(target, seeds));
    }

    private CompletableFuture<LookupResult> lookup(NodeId target, List<Contact> seeds) {
        return onNode(() -> XorIterativeLookup.start(rpc, target, seeds, K, ALPHA, config)).thenCompose(f -> f);
    }

    CompletableFuture<Integer> knownCount() {
        return onNode(known::size);
    }

    /** Adds {@code sender} once it answers a ping as the id it claims: a forged sender never gets in. */
    private void learn(Contact sender) {
        if (known.containsKey(sender.id()) || sender.id().equals(contact().id())) {
            return;
        }
        rpc.exchange(sender.address(), sender.id(), new Ping(), config)
                .thenAccept(reply -> known.putIfAbsent(sender.id(), sender));
    }

    private <T> CompletableFuture<T> onNode(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, scheduler);
    }

    void close() {
        scheduler.execute(rpc::close);
        transport.close();
    }
}
