package io.chordia.routing.kademlia;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.Item;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.time.Scheduler;
import io.chordia.core.util.Bytes;
import io.chordia.routing.replication.WriteTokens;
import java.time.Duration;
import java.util.List;

/**
 * BEP 44's storage half on a {@link KademliaNode}: {@code get} answers the item stored at the
 * target (if any), the closest contacts and a write token bound to the asker's IP; {@code put} with
 * such a token stores into a bounded {@link ItemStore}, refusals answered with BEP 44's codes (205
 * value too big and 207 salt too big for an {@link OversizedPutItem}, 206 bad signature, 301 cas
 * mismatch, 302 stale seq, 202 when full). The tokens are the ones
 * {@link SwarmService} hands out, so a get_peers token is good for a put and the reverse, as in
 * libtorrent. Node thread; time and timers come from the node's scheduler.
 */
public final class ItemService {
    static final Duration EXPIRY_SWEEP = Duration.ofMinutes(1);
    /** The datagram a reply must fit (the KRPC codec's limit), less its envelope: t, y, id, token, ip, v and keys. */
    private static final int REPLY_BUDGET_BYTES = 1232 - 200;
    /** An IPv6 compact node (38 bytes) is the larger kind: budgeting for it keeps either family within the datagram. */
    private static final int NODE_BYTES = 38;

    private final KademliaNode node;
    private final ItemStore store;
    private final WriteTokens tokens;
    private final Scheduler scheduler;

    private ItemService(KademliaNode node, ItemStore store, WriteTokens tokens) {
        this.node = node;
        this.store = store;
        this.tokens = tokens;
        this.scheduler = node.rpc().scheduler();
    }

    /** Registers the handlers on {@code node}'s endpoint and starts expiring items; {@code tokens} rotate elsewhere. */
    public static ItemService install(KademliaNode node, ItemStore store, WriteTokens tokens) {
        ItemService service = new ItemService(node, store, tokens);
        node.rpc().register(GetItem.class, (request, ctx) -> service.get(request, ctx));
        node.rpc().register(PutItem.class, (request, ctx) -> service.put(request, ctx));
        node.rpc().register(OversizedPutItem.class, (request, ctx) -> {
            throw new RequestRefusedException(request.violation(), request.detail());
        });
        service.scheduler.scheduleAtFixedRate(EXPIRY_SWEEP, EXPIRY_SWEEP, () -> store.expire(service.now()));
        node.itemsServedBy(service);
        return service;
    }

    public ItemStore store() {
        return store;
    }

    private Item get(GetItem request, RequestContext ctx) {
        node.observeSender(ctx);
        return answer(request, tokens.tokenForHost(ctx.source()));
    }

    private Ack put(PutItem request, RequestContext ctx) {
        node.observeSender(ctx);
        if (!tokens.isValidForHost(request.token(), ctx.source())) {
            throw new RequestRefusedException(ErrorCode.BAD_TOKEN, "token is not one we gave this address");
        }
        return store(request, ctx.source().host());
    }

    /** What a get for {@code request} answers, with {@code token}; node thread. */
    Item answer(GetItem request, Bytes token) {
        ItemStore.StoredItem item = store.get(request.target(), now());
        boolean withValue = item != null && !(item.isMutable() && request.seq() >= 0 && item.seq() <= request.seq());
        List<Contact> nodes = node.closestKnown(request.target(), node.config().k());
        if (!withValue) {
            return new Item(token, Bytes.EMPTY, Bytes.EMPTY, -1, Bytes.EMPTY, nodes);
        }
        int room = (REPLY_BUDGET_BYTES - item.value().length() - item.publicKey().length() - item.signature().length())
                / NODE_BYTES;
        nodes = nodes.subList(0, Math.max(0, Math.min(room, nodes.size())));
        return new Item(token, item.value(), item.publicKey(), item.seq(), item.signature(), nodes);
    }

    /** Stores {@code request} as if {@code host} had put it with a valid token, or throws the refusal; node thread. */
    Ack store(PutItem request, String host) {
        switch (store.put(request, host, now())) {
            case STORED:
                return new Ack();
            case BAD_SIGNATURE:
                throw new RequestRefusedException(ErrorCode.BAD_SIGNATURE, "invalid signature");
            case CAS_MISMATCH:
                throw new RequestRefusedException(ErrorCode.CAS_FAILED, "CAS mismatch");
            case STALE_SEQ:
                throw new RequestRefusedException(ErrorCode.STALE, "sequence number less than current");
            case HOST_QUOTA:
                throw new RequestRefusedException(ErrorCode.QUOTA_EXCEEDED, "this address holds its share of items here");
            case FULL:
            default:
                throw new RequestRefusedException(ErrorCode.QUOTA_EXCEEDED, "item store full");
        }
    }

    NodeId self() {
        return node.self().id();
    }

    private long now() {
        return scheduler.clock().nanoTime();
    }
}
