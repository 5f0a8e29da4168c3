package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.NextHop;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.Reply;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.routing.lookup.LookupResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An iterative Chord lookup: the origin asks each hop {@link FindSuccessor} itself. A hop that
 * does not answer is skipped for the next candidate the previous hop offered, and when a hop's
 * candidates are all dead the lookup backs up to the alternatives of the hop before. It ends when a
 * hop says the key's successor is its own successor ({@code done}).
 *
 * <p>One instance is one lookup, on the node thread.
 */
final class IterativeChordLookup {
    /** A lookup that takes more hops than this is going in circles on inconsistent state. */
    static final int MAX_HOPS = 64;

    private final RpcEndpoint rpc;
    private final NodeId key;
    private final RpcConfig callConfig;
    private final Consumer<Contact> onDead;
    /** Candidate lists still to try, innermost (latest hop's) on top. */
    private final Deque<Deque<Contact>> frontier = new ArrayDeque<>();
    private final Set<NodeId> tried = new HashSet<>();
    private final List<Contact> path = new ArrayList<>();
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private int messages;

    private IterativeChordLookup(RpcEndpoint rpc, NodeId key, RpcConfig callConfig, Consumer<Contact> onDead) {
        this.rpc = rpc;
        this.key = key;
        this.callConfig = callConfig;
        this.onDead = onDead;
    }

    /**
     * Starts from {@code firstHops} (closest preceding first).
     *
     * @param onDead told of every contact that failed to answer, so the node can forget it
     */
    static CompletableFuture<LookupResult> start(RpcEndpoint rpc, NodeId key, List<Contact> firstHops,
                                                 RpcConfig callConfig, Consumer<Contact> onDead) {
        IterativeChordLookup lookup = new IterativeChordLookup(rpc, key, callConfig, onDead);
        lookup.frontier.push(new ArrayDeque<>(firstHops));
        lookup.next();
        return lookup.result;
    }

    private void next() {
        while (!frontier.isEmpty() && frontier.peek().isEmpty()) {
            frontier.pop();
        }
        if (frontier.isEmpty() || path.size() >= MAX_HOPS) {
            result.complete(new LookupResult(key, LookupResult.Status.FAILED, List.of(), path.size(), messages, path));
            return;
        }
        Contact hop = frontier.peek().poll();
        if (!tried.add(hop.id())) {
            next();
            return;
        }
        messages++;
        rpc.exchange(hop.address(), hop.id(), new FindSuccessor(key), callConfig)
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        onDead.accept(hop);
                        next();
                    } else {
                        onAnswer(hop, reply);
                    }
                });
    }

    private void onAnswer(Contact hop, Reply<NextHop> reply) {
        path.add(hop);
        NextHop answer = reply.body();
        if (answer.done()) {
            // Hops count the nodes traversed up to and including the owner, as in the Chord paper.
            int hops = path.size() + (answer.nodes().get(0).id().equals(hop.id()) ? 0 : 1);
            result.complete(new LookupResult(key, LookupResult.Status.OK, answer.nodes(), hops, messages, path));
            return;
        }
        // Only nodes strictly between the hop and the key make progress; anything else is stale.
        Deque<Contact> closer = new ArrayDeque<>();
        for (Contact c : answer.nodes()) {
            if (c.id().isInOpenOpen(hop.id(), key) && !tried.contains(c.id())) {
                closer.add(c);
            }
        }
        frontier.push(closer);
        next();
    }
}
