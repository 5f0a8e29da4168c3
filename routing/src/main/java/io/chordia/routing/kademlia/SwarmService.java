package io.chordia.routing.kademlia;

import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Peers;
import io.chordia.core.net.Address;
import io.chordia.core.rpc.RequestContext;
import io.chordia.core.rpc.RequestRefusedException;
import io.chordia.core.time.Scheduler;
import io.chordia.routing.replication.WriteTokens;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * BEP 5's tracker half on a {@link KademliaNode}: {@code get_peers} answers the peers announced for
 * an infohash when there are any, else the k closest contacts, and always a write token bound to
 * the asker's IP; {@code announce_peer} with such a token adds the asker (at the port it names, or
 * the datagram's source port when {@code implied_port} is set) to a bounded {@link SwarmStore}.
 * Node thread; time and timers come from the node's scheduler.
 */
public final class SwarmService {
    /** BEP 5 accepts tokens up to 10 minutes old: the secret rotates every 5, and the previous one still counts. */
    static final Duration TOKEN_ROTATION = Duration.ofMinutes(5);
    static final Duration EXPIRY_SWEEP = Duration.ofMinutes(1);
    /** Peers per answer: 50 compact IPv4 peers keep a get_peers reply within one 1,232-byte datagram with its nodes. */
    static final int MAX_PEERS_PER_ANSWER = 50;

    private final KademliaNode node;
    private final SwarmStore store;
    private final WriteTokens tokens;
    private final Scheduler scheduler;

    private SwarmService(KademliaNode node, SwarmStore store, RandomGenerator random) {
        this.node = node;
        this.store = store;
        this.tokens = new WriteTokens(random);
        this.scheduler = node.rpc().scheduler();
    }

    /** Registers the handlers on {@code node}'s endpoint and starts rotating tokens and expiring peers. */
    public static SwarmService install(KademliaNode node, SwarmStore store, RandomGenerator random) {
        SwarmService service = new SwarmService(node, store, random);
        node.rpc().register(GetPeers.class, (request, ctx) -> service.getPeers(request, ctx));
        node.rpc().register(AnnouncePeer.class, (request, ctx) -> service.announce(request, ctx));
        service.scheduler.scheduleAtFixedRate(TOKEN_ROTATION, TOKEN_ROTATION, service.tokens::rotate);
        node.attachSwarm(new SwarmClient(node, store));
        service.scheduler.scheduleAtFixedRate(EXPIRY_SWEEP, EXPIRY_SWEEP, () -> store.expire(service.now()));
        return service;
    }

    public SwarmStore store() {
        return store;
    }

    /** The tokens this service hands out and rotates; {@link ItemService} takes the same ones. */
    public WriteTokens tokens() {
        return tokens;
    }

    private Peers getPeers(GetPeers request, RequestContext ctx) {
        node.observeSender(ctx);
        List<Address> values = store.peers(request.infoHash(), MAX_PEERS_PER_ANSWER, now());
        return new Peers(tokens.tokenForHost(ctx.source()), values,
                values.isEmpty() ? node.closestKnown(request.infoHash(), node.config().k()) : List.of());
    }

    private Ack announce(AnnouncePeer request, RequestContext ctx) {
        node.observeSender(ctx);
        if (!tokens.isValidForHost(request.token(), ctx.source())) {
            throw new RequestRefusedException(ErrorCode.BAD_TOKEN, "token is not one we gave this address");
        }
        int port = request.impliedPort() ? ctx.source().port() : request.port();
        if (port == 0) {
            throw new RequestRefusedException(ErrorCode.BAD_REQUEST, "port 0");
        }
        store.announce(request.infoHash(), new Address(ctx.source().host(), port), now());
        return new Ack();
    }

    private long now() {
        return scheduler.clock().nanoTime();
    }
}
