package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.rpc.RpcTimeoutException;
import io.chordia.core.rpc.UnexpectedResponseException;
import io.chordia.routing.SuspectedNodes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * What a node knows about other nodes, and how it learns: the routing table and the leaf set, fed
 * only with verified contacts; verification pings for unsolicited senders; pings of a full
 * bucket's least recently seen contact; failure counting and eviction; refilling the leaf set
 * after a loss. Node thread only.
 */
final class Contacts {
    /** Pings carry nothing: one serves every call. */
    private static final Ping PING = new Ping();
    /** For our id only: the address we give peers is the RPC endpoint's, and can change. */
    private final Contact self;
    private final KademliaConfig config;
    private final RpcEndpoint rpc;
    /** {@link KademliaConfig#lookupRpc}, built once: a node probes a suspect every few seconds. */
    private final RpcConfig probeRpc;
    private final RoutingTable table;
    private final LeafSet leafSet;
    private final KademliaStats stats;
    /** Ids being verified by a ping; lookup only, never iterated. */
    private final Set<NodeId> verifying = new HashSet<>();
    private final NearestSelection selection = new NearestSelection();
    /** Contacts that stopped answering, probed in turn: after a partition they are the way back. */
    private final SuspectedNodes suspects;
    /** Without {@link KademliaExtra#LEAF_SET} the set is still kept (it is cheap) but never consulted. */
    private final boolean leafSetInUse;
    private boolean closed;

    Contacts(RpcEndpoint rpc, KademliaConfig config, KademliaStats stats) {
        this.self = rpc.self();
        this.config = config;
        this.rpc = rpc;
        this.probeRpc = config.lookupRpc();
        this.stats = stats;
        this.table = new RoutingTable(self.id(), config, now());
        this.leafSet = new LeafSet(self.id(), config.leafSetSize(), config.staleAfterFailures());
        this.suspects = new SuspectedNodes(config.suspects());
        this.leafSetInUse = config.has(KademliaExtra.LEAF_SET);
    }

    RoutingTable table() {
        return table;
    }

    LeafSet leafSet() {
        return leafSet;
    }

    /** Stops learning: replies that arrive after the node stopped change nothing. */
    void close() {
        closed = true;
    }

    /**
     * Enters {@code contacts} as if each had just answered us (a converged start in simulation). A
     * full bucket behaves as if its least recently seen contact answered the ping.
     */
    void install(Collection<Contact> contacts) {
        long now = now();
        for (Contact c : contacts) {
            RoutingTable.Offer offer = table.offer(c, now);
            if (offer.outcome() == RoutingTable.Outcome.CACHED && offer.probe() != null) {
                table.probeAnswered(offer.probe(), now);
            }
            leafSet.offer(c);
        }
    }

    /** Our live contacts closest to {@code target}, from the buckets and the leaf set, closest first. */
    List<Contact> closestKnown(NodeId target, int count) {
        List<Contact> fromTable = table.closest(target, count, true);
        if (!leafSetInUse || leafSet.size() == 0
                || (self.id().commonPrefixLength(target) < leafSet.minSharedPrefix() && fromTable.size() >= count)) {
            return fromTable;
        }
        // Most leaves are in the buckets too; only the others can add anything, and only those
        // nearer the target than the farthest the table gave (every lookup hop comes here). Such a
        // leaf is usually in the table's answer already, which a binary search finds sooner than the
        // table's map.
        NodeId farthest = fromTable.size() >= count ? fromTable.get(count - 1).id() : null;
        boolean extra = false;
        for (int i = 0; i < leafSet.size(); i++) {
            NodeId leafId = leafSet.leafId(i);
            if ((farthest == null || target.compareXorDistances(leafId, farthest) < 0)
                    && !IdOrder.containsId(fromTable, target, leafId) && !table.contains(leafId)) {
                if (!extra) {
                    extra = true;
                    selection.reset(target, count);
                    for (int j = 0; j < fromTable.size(); j++) {
                        selection.offer(fromTable.get(j));
                    }
                }
                selection.offer(leafSet.leaf(i)); // not in the table, so no repeat of a table contact
            }
        }
        if (!extra) {
            return fromTable;
        }
        List<Contact> out = new ArrayList<>(count);
        selection.drainTo(out);
        return out;
    }

    boolean leafSetCovers(NodeId target, int count) {
        return leafSetInUse && leafSet.covers(target, count);
    }

    /** {@link #closestKnown} with this node counted among the candidates. */
    List<Contact> closestWithSelf(NodeId target, int count) {
        List<Contact> all = new ArrayList<>(closestKnown(target, count));
        all.add(rpc.self());
        return IdOrder.closestDistinct(all, target, count);
    }

    /** {@code contact} answered a request we sent to its id at its address: it is verified. */
    void answered(Contact contact) {
        if (closed) {
            return;
        }
        long now = now();
        suspects.remove(contact.id());
        long losses = leafSet.losses();
        RoutingTable.Offer offer = table.offer(contact, now);
        leafSet.offer(contact);
        if (offer.evicted() != null) {
            stats.mismatchesEvicted.increment();
            leafSet.evict(offer.evicted());
        }
        if (leafSet.losses() != losses || offer.evicted() != null) {
            refillLeaves();
        }
        switch (offer.outcome()) {
            case ADDED -> stats.contactsAdded.increment();
            case REPLACED_STALE -> {
                stats.contactsAdded.increment();
                stats.staleReplaced.increment();
            }
            case CACHED -> {
                stats.contactsCached.increment();
                if (offer.probe() != null) {
                    pingLeastRecent(offer.probe());
                }
            }
            case REJECTED_SUBNET -> stats.subnetRejections.increment();
            case ADDRESS_CONFLICT -> pingOldAddress(offer.probe(), contact);
            default -> {
                // SELF, UPDATED: nothing more to do
            }
        }
    }

    /** A request to {@code contact} failed: count it, or evict a contact that is no longer who we think. */
    void requestFailed(Contact contact, Throwable failure) {
        if (closed) {
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        long now = now();
        if (cause instanceof UnexpectedResponseException
                || (cause instanceof RemoteErrorException remote && remote.code() == ErrorCode.UNSUPPORTED)) {
            boolean evicted = table.evict(contact, now);
            if (evicted) {
                stats.mismatchesEvicted.increment();
            }
            if (leafSet.evict(contact) || evicted) {
                refillLeaves();
            }
        } else if (cause instanceof RpcTimeoutException) {
            int before = table.failures(contact.id());
            int cached = table.contains(contact.id()) ? table.replacements(table.bucketIndex(contact.id())).size() : 0;
            boolean replaced = table.failed(contact, now);
            if (replaced) {
                stats.staleReplaced.increment();
                if (cached > 0) {
                    stats.replacementsPromoted.increment();
                }
            }
            if (before == config.staleAfterFailures() - 1) {
                stats.staleMarked.increment();
            }
            if (replaced || table.isStale(contact.id()) || before >= config.staleAfterFailures() - 1) {
                suspects.add(contact, now);
            }
            if (leafSet.failed(contact) || replaced) {
                refillLeaves();
            }
        }
    }

    /**
     * A request arrived: a known sender moves up in its bucket; an unknown one that we would keep is
     * pinged first, at the address the request came from, and enters only if it answers as the id
     * it claims (so a forged sender field cannot plant contacts).
     */
    void observeSender(RequestContext ctx) {
        if (closed || ctx.envelope().hints().readOnly()) {
            // BEP 43: a read-only node asks but does not answer, so it would only clog a bucket.
            return;
        }
        NodeId id = ctx.sender().id();
        Address source = ctx.source();
        if (id.equals(self.id()) || table.touch(id, source, now())) {
            return;
        }
        if (!config.has(KademliaExtra.SENDER_VERIFICATION)) {
            // The paper's rule: a message's sender enters the table as it is, a full bucket pinging its head.
            answered(new Contact(id, source));
            return;
        }
        if (verifying.size() >= config.maxPendingVerifications() || verifying.contains(id)
                || (!table.wouldAdmit(id, source) && !leafSet.wouldAdmit(id))) {
            return;
        }
        verifying.add(id);
        Contact candidate = new Contact(id, source);
        stats.verificationPings.increment();
        rpc.exchange(source, id, PING, config.rpc(), (reply, failure) -> {
            verifying.remove(id);
            if (failure == null) {
                answered(candidate);
            } else {
                stats.verificationFailures.increment();
            }
        });
    }

    private void pingLeastRecent(Contact leastRecent) {
        stats.leastRecentPings.increment();
        rpc.exchange(leastRecent.address(), leastRecent.id(), PING, config.rpc(), (reply, failure) -> {
            if (closed) {
                return;
            }
            if (failure == null) {
                table.probeAnswered(leastRecent, now());
                leafSet.offer(leastRecent);
                return;
            }
            stats.leastRecentEvicted.increment();
            suspects.add(leastRecent, now());
            if (table.probeFailed(leastRecent, now()) != null) {
                stats.replacementsPromoted.increment();
            }
            leafSet.evict(leastRecent);
            refillLeaves();
        });
    }

    /**
     * Pings the next suspect at the address it had; one that answers is taken back like any
     * contact that answered, and {@code revived} gets it (the node then looks itself up through
     * it, which introduces it to the side the suspect was on). Returns whether a probe was sent.
     */
    boolean probeSuspect(java.util.function.Consumer<Contact> revived) {
        Contact suspect = suspects.nextToProbe(now());
        if (suspect == null || closed) {
            return false;
        }
        stats.suspectProbes.increment();
        rpc.exchange(suspect.address(), suspect.id(), PING, probeRpc, (reply, failure) -> {
            if (failure == null && !closed) {
                stats.suspectsRevived.increment();
                answered(suspect);
                revived.accept(suspect);
            }
        });
        return true;
    }

    /** We know {@code newer}'s id at another address: keep the old one if it still answers. */
    private void pingOldAddress(Contact old, Contact newer) {
        rpc.exchange(old.address(), old.id(), PING, config.rpc(), (reply, failure) -> {
            if (closed) {
                return;
            }
            if (failure == null) {
                table.offer(old, now());
            } else {
                table.evict(old, now());
                leafSet.evict(old);
                refillLeaves();
                answered(newer);
            }
        });
    }

    /**
     * A leaf left, or the table took in a replacement: the table's live contacts nearest our id may
     * now belong in the set.
     */
    void refillLeaves() {
        for (Contact c : table.closest(self.id(), leafSet.capacity(), true)) {
            leafSet.offer(c);
        }
    }

    private long now() {
        return rpc.scheduler().clock().nanoTime();
    }
}
