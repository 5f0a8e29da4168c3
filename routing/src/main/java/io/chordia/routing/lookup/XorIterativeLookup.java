package io.chordia.routing.lookup;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Nodes;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.util.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Kademlia's iterative node lookup under the XOR metric: keep up to {@code alpha} {@link FindNode}
 * requests in flight to the closest candidates not yet asked, merge what they return, and finish
 * when the {@code k} closest candidates that did not fail have all answered.
 *
 * <p>One instance is one lookup; it lives on the node thread.
 */
public final class XorIterativeLookup {
    private enum State { NEW, IN_FLIGHT, ANSWERED, FAILED }

    private static final class Candidate {
        final Contact contact;
        final int depth;
        State state = State.NEW;

        Candidate(Contact contact, int depth) {
            this.contact = contact;
            this.depth = depth;
        }
    }

    private final RpcEndpoint rpc;
    private final NodeId target;
    private final int k;
    private final int alpha;
    private final RpcConfig callConfig;
    /** Ordered by XOR distance to the target, so iteration is closest first and deterministic. */
    private final TreeMap<NodeId, Candidate> candidates = new TreeMap<>();
    private final List<Contact> path = new ArrayList<>();
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private int inFlight;
    private int messages;
    private int hops;

    private XorIterativeLookup(RpcEndpoint rpc, NodeId target, int k, int alpha, RpcConfig callConfig) {
        this.rpc = rpc;
        this.target = target;
        this.k = k;
        this.alpha = alpha;
        this.callConfig = callConfig;
    }

    /**
     * Starts a lookup of {@code target} from {@code seeds}. Call on the node thread.
     *
     * @param k     how many closest nodes to find
     * @param alpha requests in flight at once
     */
    public static CompletableFuture<LookupResult> start(RpcEndpoint rpc, NodeId target, Collection<Contact> seeds,
                                                        int k, int alpha, RpcConfig callConfig) {
        Checks.inRange(k, 1, io.chordia.core.message.MessageLimits.MAX_CONTACTS, "k");
        Checks.inRange(alpha, 1, 64, "alpha");
        XorIterativeLookup lookup = new XorIterativeLookup(rpc, target, k, alpha, callConfig);
        for (Contact seed : seeds) {
            lookup.offer(seed, 1);
        }
        lookup.advance();
        return lookup.result;
    }

    private void offer(Contact contact, int depth) {
        if (contact.id().equals(rpc.self().id())) {
            return;
        }
        candidates.putIfAbsent(contact.id().xor(target), new Candidate(contact, depth));
    }

    private void advance() {
        if (result.isDone()) {
            return;
        }
        int considered = 0;
        boolean unfinished = false;
        for (Map.Entry<NodeId, Candidate> entry : candidates.entrySet()) {
            Candidate c = entry.getValue();
            if (c.state == State.FAILED) {
                continue;
            }
            if (++considered > k) {
                break;
            }
            if (c.state == State.NEW && inFlight < alpha) {
                query(c);
            }
            unfinished |= c.state != State.ANSWERED;
        }
        if (!unfinished && inFlight == 0) {
            finish();
        }
    }

    private void query(Candidate c) {
        c.state = State.IN_FLIGHT;
        inFlight++;
        messages++;
        rpc.exchange(c.contact.address(), c.contact.id(), new FindNode(target, k), callConfig)
                .whenComplete((reply, failure) -> {
                    inFlight--;
                    if (failure != null) {
                        c.state = State.FAILED;
                    } else {
                        c.state = State.ANSWERED;
                        path.add(c.contact);
                        hops = Math.max(hops, c.depth);
                        for (Contact found : reply.body().contacts()) {
                            offer(found, c.depth + 1);
                        }
                    }
                    advance();
                });
    }

    private void finish() {
        List<Contact> closest = new ArrayList<>(k);
        for (Candidate c : candidates.values()) {
            if (c.state == State.ANSWERED && closest.size() < k) {
                closest.add(c.contact);
            }
        }
        LookupResult.Status status = closest.isEmpty() ? LookupResult.Status.FAILED : LookupResult.Status.OK;
        result.complete(new LookupResult(target, status, closest, hops, messages, path));
    }

    /** The {@code count} contacts of {@code known} closest to {@code target} by XOR, closest first. */
    public static List<Contact> closestByXor(Collection<Contact> known, NodeId target, int count) {
        TreeMap<NodeId, Contact> byDistance = new TreeMap<>();
        for (Contact c : known) {
            byDistance.put(c.id().xor(target), c);
        }
        List<Contact> out = new ArrayList<>(Math.min(count, byDistance.size()));
        for (Contact c : byDistance.values()) {
            if (out.size() == count) {
                break;
            }
            out.add(c);
        }
        return out;
    }
}
