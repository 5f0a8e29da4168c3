package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlCommand;
import io.chordia.app.control.ControlRegistry;
import io.chordia.core.id.NodeId;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.StorageConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The daemon's control verbs: {@code put}, {@code get}, {@code lookup}, {@code status}. Keys
 * arrive as 40 hex digits (the client parses {@link Keys} so a malformed key never needs a
 * running node). Each waits for the node with {@link #TIMEOUT}.
 */
public final class NodeCommands {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private NodeCommands() {}

    public record PutRequest(String key, String value, long ttlSeconds) {}

    /**
     * How a put went, and where the value is whatever the status.
     *
     * @param stored    the replicas that hold it now
     * @param missing   the replicas asked that did not store it
     * @param wanted    N, the replicas a value should have
     * @param needed    the acknowledgements the put needed (W, or every replica of a smaller network)
     * @param shortfall why it is on fewer than {@code wanted} replicas ("only 1 node known"); empty when it is not
     */
    public record PutReply(String key, String status, List<String> stored, List<String> missing, int wanted, int needed,
                           String shortfall, long version, String detail) {}

    public record GetRequest(String key) {}

    /** @param status FOUND, NOT_FOUND or FAILED */
    public record GetReply(String key, String status, String value, List<String> answered) {}

    public record LookupRequest(String key, String style) {}

    public record LookupReply(String key, String status, String owner, int hops, int messages, double millis,
                              List<String> path, List<String> closest) {}

    public record StatusRequest() {}

    public static void registerAll(ControlRegistry registry, PeerDaemon daemon) {
        registry.register(command("put", PutRequest.class, (q, p) -> put(daemon.joined(), q)));
        registry.register(command("get", GetRequest.class, (q, p) -> get(daemon.joined(), q)));
        registry.register(command("lookup", LookupRequest.class, (q, p) -> lookup(daemon.joined(), q)));
        registry.register(command("status", StatusRequest.class, (q, p) -> daemon.status()));
        ItemCommands.registerAll(registry, daemon);
    }

    static PutReply put(PeerDaemon daemon, PutRequest q) throws Exception {
        ItemCommands.refuseRecordsOnMainline(daemon);
        NodeId key = idOf(q.key());
        if (q.value() == null) {
            throw new UserFacingException("no value to store", "give a value: chordia put KEY VALUE");
        }
        Duration ttl = q.ttlSeconds() > 0 ? Duration.ofSeconds(q.ttlSeconds()) : StorageConfig.defaults().defaultTtl();
        if (ttl.compareTo(DhtRecord.MAX_TTL) > 0) {
            throw new UserFacingException("a record lives at most " + DhtRecord.MAX_TTL.toDays() + " days",
                    "give a shorter --ttl");
        }
        Bytes value = Bytes.ofUtf8(q.value());
        checkValueSize(value);
        // A later put by the same node wins: plain records keep the highest version.
        DhtRecord record = DhtRecord.plain(key, value, System.currentTimeMillis(), daemon.self().id(), ttl);
        long start = System.nanoTime();
        PutResult r = awaitNetwork(daemon.storage().put(record), TIMEOUT);
        daemon.measured().putDone(r, System.nanoTime() - start);
        return new PutReply(key.toHex(), r.status().name(), r.acked().stream().map(PeerDaemon::describe).toList(),
                r.missing().stream().map(PeerDaemon::describe).toList(), r.wanted(), r.quorum(), r.shortfall(),
                r.version(), r.detail());
    }

    /** Small values travel in one datagram, larger ones over TCP, up to the record limit. */
    private static void checkValueSize(Bytes value) {
        if (value.length() > DhtRecord.MAX_VALUE_BYTES) {
            throw new UserFacingException("the value is " + value.length() + " bytes; a record holds at most "
                    + DhtRecord.MAX_VALUE_BYTES, "store a shorter value, or share it as a file: chordia share FILE");
        }
    }

    static GetReply get(PeerDaemon daemon, GetRequest q) throws Exception {
        if (ItemCommands.servesItems(daemon)) {
            return ItemCommands.getImmutable(daemon, q);
        }
        NodeId key = idOf(q.key());
        long start = System.nanoTime();
        GetResult r = awaitNetwork(daemon.storage().get(key), TIMEOUT);
        daemon.measured().getDone(r, System.nanoTime() - start);
        return new GetReply(key.toHex(), r.status().name(),
                r.status() == GetResult.Status.FOUND ? r.record().value().toUtf8() : null,
                r.answered().stream().map(PeerDaemon::describe).toList());
    }

    static LookupReply lookup(PeerDaemon daemon, LookupRequest q) throws Exception {
        NodeId key = idOf(q.key());
        LookupStyle style = q.style() == null ? LookupStyle.ITERATIVE : LookupStyle.valueOf(q.style().toUpperCase(Locale.ROOT));
        long start = System.nanoTime();
        LookupResult r = awaitNetwork(daemon.node().lookup(key, style), TIMEOUT);
        long nanos = System.nanoTime() - start;
        daemon.measured().lookupDone(style, r, nanos);
        double ms = nanos / 1e6;
        return new LookupReply(key.toHex(), r.status().name(), r.succeeded() ? PeerDaemon.describe(r.owner()) : null,
                r.hops(), r.messages(), ms, r.path().stream().map(PeerDaemon::describe).toList(),
                r.closest().stream().map(PeerDaemon::describe).toList());
    }

    /** Waits for the network; a timeout or failure is the user's to know about, not a crash. */
    static <T> T awaitNetwork(java.util.concurrent.CompletableFuture<T> future, Duration timeout)
            throws InterruptedException {
        try {
            return PeerDaemon.await(future, timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UserFacingException("the network did not answer within " + timeout.toSeconds() + " s",
                    "try again; 'chordia status' shows whether the node has contacts");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            throw new UserFacingException("the request failed in the network: " + cause.getMessage(),
                    "try again; 'chordia status' shows whether the node has contacts");
        }
    }

    static NodeId idOf(String hex) {
        try {
            return NodeId.fromHex(hex);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserFacingException("malformed key in the request: " + hex, "send 40 hex digits");
        }
    }

    @FunctionalInterface
    interface Handler<Q, A> {
        A handle(Q request, ControlCommand.Progress progress) throws Exception;
    }

    static <Q, A> ControlCommand<Q, A> command(String name, Class<Q> type, Handler<Q, A> handler) {
        return new ControlCommand<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<Q> requestType() {
                return type;
            }

            @Override
            public A handle(Q request, Progress progress) throws Exception {
                return handler.handle(request, progress);
            }
        };
    }
}
