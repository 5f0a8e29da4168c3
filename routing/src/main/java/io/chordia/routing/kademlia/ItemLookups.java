package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.Item;
import io.chordia.core.message.PutItem;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import io.chordia.routing.lookup.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * BEP 44 gets and puts through the network. A get is a node lookup of the target (the node's own
 * iterative lookup, with its disjoint paths and verification), then a {@code get} to each of the
 * 2k closest nodes that answered it, which collects their write tokens and keeps the item with the
 * highest valid seq; answers that do not verify against the {@link ItemQuery} are counted and
 * dropped. A put sends the item to k nodes of a get, each with the token it gave, chosen as an
 * announce chooses ({@link StoreTargets}, BEP 42): asking 2k leaves room for k nodes whose id
 * matches their IP even when closer ones do not. Two rounds instead
 * of libtorrent's one traversal of {@code get}s: the lookup's safeguards are reused as they are, for
 * one extra round trip. This node, when among the closest, reads and stores in its own store.
 * Futures complete on the node thread.
 */
public final class ItemLookups {
    private final KademliaNode node;
    private final ItemService local;

    public ItemLookups(KademliaNode node, ItemService local) {
        this.node = Checks.notNull(node, "node");
        this.local = Checks.notNull(local, "local");
    }

    /** Looks up {@code query}'s target and asks its k closest nodes for the item. */
    public CompletableFuture<ItemGetResult> get(ItemQuery query) {
        return node.lookupIterative(query.target(), 1).thenCompose(lookup -> askClosest(query, lookup));
    }

    /** Sends {@code put} (its token ignored) to k nodes of {@code found}, BEP 42-valid ones first, each with its own token. */
    public CompletableFuture<ItemPutResult> put(ItemGetResult found, PutItem put) {
        Checks.check(found.query().target().equals(put.target()), "the put's target %s is not the get's %s",
                put.target(), found.query().target());
        CompletableFuture<ItemPutResult> out = new CompletableFuture<>();
        List<ItemGetResult.Holder> targets = StoreTargets.choose(found.holders(), ItemGetResult.Holder::contact,
                node.config().k());
        node.rpc().scheduler().execute(() -> sendPuts(targets, put, out));
        return out;
    }

    /** A get of {@code put}'s target, then the put to the nodes it found. */
    public CompletableFuture<ItemPutResult> put(PutItem put) {
        ItemQuery query = put.isMutable() ? ItemQuery.mutable(put.publicKey(), put.salt()) : ItemQuery.immutable(put.target());
        return get(query).thenCompose(found -> put(found, put));
    }

    private CompletableFuture<ItemGetResult> askClosest(ItemQuery query, LookupResult lookup) {
        CompletableFuture<ItemGetResult> out = new CompletableFuture<>();
        List<Contact> closest = candidates(query.target(), lookup);
        Item[] answers = new Item[closest.size()];
        int[] pending = {closest.size()};
        Runnable oneDone = () -> {
            if (--pending[0] == 0) {
                out.complete(collect(query, closest, answers));
            }
        };
        if (closest.isEmpty()) {
            out.complete(collect(query, closest, answers));
        }
        GetItem request = new GetItem(query.target(), -1);
        for (int i = 0; i < closest.size(); i++) {
            Contact c = closest.get(i);
            int index = i;
            if (c.id().equals(local.self())) {
                answers[i] = local.answer(request, Bytes.EMPTY);
                oneDone.run();
                continue;
            }
            node.rpc().exchange(c.address(), c.id(), request, node.config().lookupRpc(), (reply, failure) -> {
                answers[index] = failure == null ? reply.body() : null;
                oneDone.run();
            });
        }
        return out;
    }

    /** The 2k nodes closest to {@code target} among the lookup's closest and every node that answered it. */
    private List<Contact> candidates(NodeId target, LookupResult lookup) {
        TreeMap<NodeId, Contact> byDistance = new TreeMap<>();
        for (Contact c : lookup.closest()) {
            byDistance.put(c.id().xor(target), c);
        }
        for (Contact c : lookup.path()) {
            byDistance.putIfAbsent(c.id().xor(target), c);
        }
        List<Contact> closestFirst = new ArrayList<>(byDistance.values());
        return closestFirst.subList(0, Math.min(closestFirst.size(), 2 * node.config().k()));
    }

    private ItemGetResult collect(ItemQuery query, List<Contact> closest, Item[] answers) {
        List<ItemGetResult.Holder> holders = new ArrayList<>();
        Item best = null;
        int rejected = 0;
        for (int i = 0; i < answers.length; i++) {
            Item a = answers[i];
            if (a == null) {
                continue;
            }
            holders.add(new ItemGetResult.Holder(closest.get(i), a.token()));
            if (!a.hasValue()) {
                continue;
            }
            if (!query.accepts(a)) {
                rejected++;
            } else if (best == null || a.seq() > best.seq()) {
                best = a;
            }
        }
        ItemStore.StoredItem item = best == null ? null
                : new ItemStore.StoredItem(best.value(), best.publicKey(), query.salt(), best.seq(), best.signature());
        return new ItemGetResult(query, item, holders, answers.length, rejected);
    }

    private void sendPuts(List<ItemGetResult.Holder> holders, PutItem put, CompletableFuture<ItemPutResult> out) {
        List<Contact> stored = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Contact> failed = new ArrayList<>();
        int[] pending = {holders.size()};
        Runnable oneDone = () -> {
            if (--pending[0] == 0) {
                out.complete(new ItemPutResult(put.target(), put.seq(), stored, refused, failed));
            }
        };
        if (holders.isEmpty()) {
            out.complete(new ItemPutResult(put.target(), put.seq(), stored, refused, failed));
        }
        for (ItemGetResult.Holder h : holders) {
            Contact c = h.contact();
            if (c.id().equals(local.self())) {
                try {
                    local.store(put, c.address().host());
                    stored.add(c);
                } catch (RequestRefusedException e) {
                    refused.add(c + ": " + e.toReply().code() + ": " + e.getMessage());
                }
                oneDone.run();
                continue;
            }
            PutItem withToken = new PutItem(h.token(), put.value(), put.publicKey(), put.salt(), put.seq(), put.cas(),
                    put.signature());
            node.rpc().exchange(c.address(), c.id(), withToken, node.config().lookupRpc(), (reply, failure) -> {
                if (failure == null) {
                    stored.add(c);
                } else if (failure instanceof RemoteErrorException refusal) {
                    refused.add(c + ": " + refusal.getMessage());
                } else {
                    failed.add(c);
                }
                oneDone.run();
            });
        }
    }
}
