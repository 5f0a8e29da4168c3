package io.chordia.core.rpc;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.net.Address;
import io.chordia.core.net.AdvertisedAddress;
import io.chordia.core.net.Contact;
import io.chordia.core.net.ExternalAddressVotes;
import io.chordia.core.net.ReplySources;
import io.chordia.core.time.Cancellable;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.core.util.Checks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One node's RPC layer over a datagram {@link Transport}: it pairs responses with requests by a
 * random 64-bit transaction id and the address the request went to (a response from anywhere
 * else is dropped, see {@link ReplySources}), times out and retries with backoff on the node's scheduler, and
 * dispatches inbound requests to registered handlers. It answers {@link Ping} itself.
 *
 * <p>It owns this node's contact as peers should know it, {@link #self()}: the id is fixed, the
 * address may change ({@link #adoptAddress}, or learned from pongs, {@link #learnAddressFrom}),
 * and the protocols read it from here, so that everything sent afterwards carries the new one.
 *
 * <p>Threading: everything runs on the node thread. {@link #call} may be invoked from any thread
 * (it hops onto the node thread); futures complete on the node thread.
 */
public final class RpcEndpoint implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    /** A reply later than this after its call ended counts as unknown, not late. */
    private static final long LATE_REPLY_WINDOW_NANOS = Duration.ofSeconds(30).toNanos();

    /** Written on the node thread; volatile because the daemon's status and commands read it from others. */
    private volatile Contact self;
    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final RpcConfig config;
    private final RpcStats stats = new RpcStats();
    private final RoundTripTimes roundTrips = RoundTripTimes.defaults();
    /**
     * Per request type ({@link RequestTypes#index}), its {@link RequestHandler} or
     * {@link AsyncRequestHandler}, or null: an array, not a map per endpoint, because every
     * request looks here and a simulated world has thousands of endpoints.
     */
    private final Object[] handlers = new Object[RequestTypes.count()];
    private final LongKeyedMap<PendingCall<?>> pending = new LongKeyedMap<>();
    private final FinishedTransactions recentlyFinished;
    /** Where peers see us, counted from the pongs to our pings; null while the address is not learned. */
    private ExternalAddressVotes addressVotes;
    /** Told of each peer that answered one of our calls; null (the simulator's case) costs nothing per reply. */
    private Consumer<Contact> onAnswered;
    /** Addresses that proved they are real; every address until a guard says otherwise (the simulator spoofs nothing). */
    private Predicate<Address> verified = address -> true;
    private boolean closed;

    public RpcEndpoint(Contact self, Transport transport, Scheduler scheduler, RandomGenerator random, RpcConfig config) {
        this.self = Checks.notNull(self, "self");
        this.transport = Checks.notNull(transport, "transport");
        this.scheduler = Checks.notNull(scheduler, "scheduler");
        this.random = Checks.notNull(random, "random");
        this.config = Checks.notNull(config, "config");
        this.recentlyFinished = new FinishedTransactions(config.recentTxMemory(), LATE_REPLY_WINDOW_NANOS);
        register(Ping.class, (ping, ctx) -> new Pong(ctx.source()));
        transport.onReceive(this::onEnvelope);
    }

    /** This node as peers should know it: its id, and the address it currently advertises. */
    public Contact self() {
        return self;
    }

    /**
     * Advertises {@code address} from now on, and logs the change in one line. Node thread only.
     *
     * @param why what made the change, for the log: "--advertise", "3 peers see us there", ...
     */
    public void adoptAddress(Address address, String why) {
        Checks.notNull(address, "address");
        scheduler.checkOnNodeThread();
        Contact before = self;
        if (!address.equals(before.address())) {
            self = new Contact(before.id(), address);
            LOG.info("advertising {} instead of {}: {}", address, before.address(), why);
        }
    }

    /**
     * From now on, counts the address each {@link Pong} answering one of our pings names, by the
     * pong's source address, and adopts the address {@code votes} agree on, unless fewer peers
     * could reach it than the current one ({@link AdvertisedAddress#mayReplace}). {@code null}
     * stops learning. Node thread only.
     */
    public void learnAddressFrom(ExternalAddressVotes votes) {
        scheduler.checkOnNodeThread();
        this.addressVotes = votes;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public RpcConfig config() {
        return config;
    }

    public RpcStats stats() {
        return stats;
    }

    /** Round trips measured to peers on first-attempt replies; read on the node thread for adaptive timeouts. */
    public RoundTripTimes roundTrips() {
        return roundTrips;
    }

    public int pendingCalls() {
        return pending.size();
    }

    /**
     * From now on tells {@code listener}, on the node thread, of every peer that answers a call of
     * ours: its id at the address we called, which is the proof that the contact is real (a forged
     * datagram can name any sender, but cannot answer in its place). {@code null} stops it.
     */
    public void onAnswered(Consumer<Contact> listener) {
        scheduler.checkOnNodeThread();
        this.onAnswered = listener;
    }

    /**
     * From now on asks {@code verified} whether an address proved it is real (it answered a
     * request of ours there), for protocols that send to an address a message names rather than
     * to the datagram's source: a recursive lookup's origin. Node thread only.
     */
    public void verifyAddressesWith(Predicate<Address> verified) {
        scheduler.checkOnNodeThread();
        this.verified = Checks.notNull(verified, "verified");
    }

    /** Whether {@code address} proved it is real; see {@link #verifyAddressesWith}. Node thread only. */
    public boolean isVerified(Address address) {
        return verified.test(address);
    }

    /** Registers the handler for {@code type}, replacing any earlier one. */
    public <Q extends Request<R>, R extends Response> void register(Class<Q> type, RequestHandler<Q, R> handler) {
        handlers[RequestTypes.index(type)] = Checks.notNull(handler, "handler");
    }

    /** Registers an asynchronous handler for {@code type}, replacing any earlier one. */
    public <Q extends Request<R>, R extends Response> void registerAsync(Class<Q> type, AsyncRequestHandler<Q, R> handler) {
        handlers[RequestTypes.index(type)] = Checks.notNull(handler, "handler");
    }

    /** Calls {@code target}, which must answer with the id it is known by. */
    public <R extends Response> CompletableFuture<R> call(Contact target, Request<R> request) {
        return exchange(target.address(), target.id(), request, config).thenApply(Reply::body);
    }

    /** Calls whoever answers at {@code target} (bootstrap: its id is not known yet). */
    public <R extends Response> CompletableFuture<R> call(Address target, Request<R> request) {
        return exchange(target, null, request, config).thenApply(Reply::body);
    }

    /**
     * Calls {@code target} with per-call settings, completing with the response and who sent it.
     *
     * @param expectedId the id the responder must have, or {@code null} to accept any
     */
    public <R extends Response> CompletableFuture<Reply<R>> exchange(Address target, NodeId expectedId,
                                                                     Request<R> request, RpcConfig callConfig) {
        CompletableFuture<Reply<R>> future = new CompletableFuture<>();
        exchange(target, expectedId, request, callConfig, (reply, failure) -> {
            if (failure == null) {
                future.complete(reply);
            } else {
                future.completeExceptionally(failure);
            }
        });
        return future;
    }

    /**
     * {@link #exchange(Address, NodeId, Request, RpcConfig)} for the protocols' hot paths: the
     * outcome goes straight to {@code onDone} on the node thread, as (reply, null) or (null,
     * failure), without the futures, stages and atomic completions a {@link CompletableFuture}
     * chain costs per call. An exception {@code onDone} throws is logged and counted, like a
     * failing request handler's.
     */
    public <R extends Response> void exchange(Address target, NodeId expectedId, Request<R> request,
                                              RpcConfig callConfig, ReplyCallback<R> onDone) {
        Checks.notNull(target, "target");
        Checks.notNull(request, "request");
        Checks.notNull(callConfig, "callConfig");
        Checks.notNull(onDone, "onDone");
        if (scheduler.inNodeThread()) {
            start(target, expectedId, request, callConfig, onDone);
        } else {
            scheduler.execute(() -> start(target, expectedId, request, callConfig, onDone));
        }
    }

    /** {@link #call(Contact, Request)} with its outcome given to {@code onDone}: see the callback form of exchange. */
    public <R extends Response> void call(Contact target, Request<R> request, ReplyCallback<R> onDone) {
        exchange(target.address(), target.id(), request, config, onDone);
    }

    /** Fails every pending call with {@link RpcClosedException}, stops serving, closes nothing else. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RpcClosedException reason = new RpcClosedException("RPC endpoint of " + self + " closed");
        pending.forEachValue(call -> {
            call.timer.cancel();
            call.fail(reason);
        });
        pending.clear();
    }

    private <R extends Response> void start(Address target, NodeId expectedId, Request<R> request,
                                            RpcConfig callConfig, ReplyCallback<R> onDone) {
        if (closed) {
            tell(onDone, null, new RpcClosedException("RPC endpoint of " + self + " is closed"));
            return;
        }
        if (pending.size() >= config.maxPendingCalls()) {
            stats.increment(RpcStats.OVERLOADED);
            tell(onDone, null, new RpcOverloadedException(
                    pending.size() + " calls already pending at " + self));
            return;
        }
        long txId = newTxId();
        PendingCall<R> call = new PendingCall<>(txId, new Envelope(txId, self, target, request), expectedId,
                request.responseType(), callConfig, onDone);
        pending.put(txId, call);
        stats.increment(RpcStats.CALLS_STARTED);
        send(call);
    }

    /**
     * A random id no pending call has. One that just finished is not excluded: for 64 random bits
     * that is a one in 2^50 chance, and a late reply to it would still have to come from the
     * node called and be of the type expected.
     */
    private long newTxId() {
        long txId;
        do {
            txId = random.nextLong();
        } while (pending.containsKey(txId));
        return txId;
    }

    private void send(PendingCall<?> call) {
        call.attempts++;
        call.sentAtNanos = scheduler.clock().nanoTime();
        long waitNanos = call.config.attemptTimeoutNanos(call.attempts);
        call.timer = scheduler.schedule(Duration.ofNanos(waitNanos), call);
        transport.send(call.envelope);
    }

    private void onTimeout(PendingCall<?> call) {
        if (pending.get(call.txId) != call) {
            return;
        }
        if (call.attempts < call.config.maxAttempts()) {
            stats.increment(RpcStats.RETRANSMISSIONS);
            send(call);
            return;
        }
        finish(call, false);
        stats.recordTimeout(call.envelope.body().getClass());
        Envelope envelope = call.envelope;
        int attempts = call.attempts;
        call.fail(new RpcTimeoutException(() -> envelope.body().getClass().getSimpleName()
                + " to " + envelope.recipient() + " timed out after " + attempts + " attempts"));
    }

    private void finish(PendingCall<?> call, boolean answered) {
        pending.remove(call.txId);
        call.timer.cancel();
        if (config.recentTxMemory() > 0) {
            recentlyFinished.add(call.txId, answered, scheduler.clock().nanoTime());
        }
    }

    private void onEnvelope(Envelope envelope, Address source) {
        if (envelope.body() instanceof Response response) {
            onResponse(envelope, response, source);
        } else if (!closed) {
            onRequest(envelope, (Request<?>) envelope.body(), source);
        }
    }

    private void onResponse(Envelope envelope, Response response, Address source) {
        PendingCall<?> call = pending.get(envelope.txId());
        if (call == null) {
            Boolean answered = recentlyFinished.answered(envelope.txId());
            if (answered == null) {
                stats.increment(RpcStats.UNKNOWN_RESPONSES);
            } else if (answered) {
                stats.increment(RpcStats.DUPLICATE_RESPONSES);
            } else {
                stats.increment(RpcStats.LATE_RESPONSES);
            }
            return;
        }
        if (!ReplySources.matches(call.envelope.recipient(), source)) {
            // Only the node called can answer: a guessed or sniffed id is not enough. The call
            // stays pending, so the real answer still completes it.
            stats.increment(RpcStats.FORGED_RESPONSES);
            LOG.debug("dropped a {} for a call to {} from {}", response.getClass().getSimpleName(),
                    call.envelope.recipient(), source);
            return;
        }
        finish(call, true);
        stats.increment(RpcStats.RESPONSES);
        long now = scheduler.clock().nanoTime();
        if (call.attempts == 1) {
            roundTrips.sample(call.envelope.recipient(), now - call.sentAtNanos, now);
        }
        call.complete(envelope.sender(), response, source, now, envelope.hints());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void onRequest(Envelope envelope, Request<?> request, Address source) {
        RequestContext context = new RequestContext(envelope, source);
        Object registered = handlers[RequestTypes.index(request.getClass())];
        if (registered instanceof RequestHandler handler) {
            Response response;
            try {
                response = handler.handle(request, context);
            } catch (RequestRefusedException e) {
                stats.increment(RpcStats.REQUESTS_REFUSED);
                response = e.toReply();
            } catch (RuntimeException e) {
                stats.increment(RpcStats.HANDLER_FAILURES);
                LOG.warn("handler for {} failed", request.getClass().getSimpleName(), e);
                response = ErrorReply.of(ErrorCode.INTERNAL, "handler failed");
            }
            reply(envelope, source, response);
            return;
        }
        if (!(registered instanceof AsyncRequestHandler async)) {
            stats.increment(RpcStats.REQUESTS_UNSUPPORTED);
            reply(envelope, source, ErrorReply.of(ErrorCode.UNSUPPORTED,
                    request.getClass().getSimpleName() + " is not served here"));
            return;
        }
        CompletionStage<? extends Response> stage;
        try {
            stage = async.handle(request, context);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((response, failure) -> {
            if (!scheduler.inNodeThread()) {
                // Handlers should finish on the node thread; one that did not must not race it.
                scheduler.execute(() -> replyWhenDone(envelope, source, request, response, failure));
            } else {
                replyWhenDone(envelope, source, request, response, failure);
            }
        });
    }

    private void replyWhenDone(Envelope envelope, Address source, Request<?> request, Response response, Throwable failure) {
        if (failure == null) {
            reply(envelope, source, response);
            return;
        }
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RequestRefusedException refused) {
            stats.increment(RpcStats.REQUESTS_REFUSED);
            reply(envelope, source, refused.toReply());
        } else {
            stats.increment(RpcStats.HANDLER_FAILURES);
            LOG.debug("async handler for {} failed: {}", request.getClass().getSimpleName(), cause.toString());
            reply(envelope, source, ErrorReply.of(ErrorCode.INTERNAL, "handler failed"));
        }
    }

    private void reply(Envelope request, Address source, Response response) {
        if (closed) {
            return;
        }
        stats.increment(RpcStats.REQUESTS_SERVED);
        // Replies go to where the request came from, not to the address the sender claims.
        transport.send(new Envelope(request.txId(), self, source, response));
    }

    /**
     * Only answers to our own calls count (a pong's address, or the {@code ip} a wire profile put on
     * any other answer): an unsolicited one matches no pending call and never gets here.
     */
    private void observed(Address reporter, Address observed) {
        ExternalAddressVotes votes = addressVotes;
        if (votes != null && votes.add(reporter, observed)) {
            Address agreed = votes.agreed();
            if (agreed != null && AdvertisedAddress.mayReplace(self.address(), agreed)) {
                adoptAddress(agreed, votes.votesFor(agreed) + " peers on distinct addresses see us there");
            }
        }
    }

    /** The caller's code must not break the endpoint: what it throws is logged and counted. */
    private <R extends Response> void tell(ReplyCallback<R> onDone, Reply<R> reply, RpcException failure) {
        try {
            onDone.done(reply, failure);
        } catch (RuntimeException e) {
            stats.increment(RpcStats.CALLBACK_FAILURES);
            LOG.warn("a reply callback failed", e);
        }
    }

    /** A call in flight; it is its own timeout task, which saves an object per call. */
    private final class PendingCall<R extends Response> implements Runnable {
        final long txId;
        final Envelope envelope;
        final NodeId expectedId;
        final Class<R> responseType;
        final RpcConfig config;
        final ReplyCallback<R> onDone;
        int attempts;
        long sentAtNanos;
        Cancellable timer = Cancellable.NONE;

        PendingCall(long txId, Envelope envelope, NodeId expectedId, Class<R> responseType, RpcConfig config,
                    ReplyCallback<R> onDone) {
            this.txId = txId;
            this.envelope = envelope;
            this.expectedId = expectedId;
            this.responseType = responseType;
            this.config = config;
            this.onDone = onDone;
        }

        @Override
        public void run() {
            onTimeout(this);
        }

        void complete(Contact responder, Response response, Address source, long nowNanos, EnvelopeHints hints) {
            if (hints.anonymous() && response instanceof ErrorReply error) {
                // A KRPC error names no sender id: it fails the call, but vouches for no contact.
                stats.increment(RpcStats.ERROR_REPLIES);
                fail(new RemoteErrorException(error.code(), error.detail()));
            } else if (expectedId != null && !expectedId.equals(responder.id())) {
                stats.increment(RpcStats.UNEXPECTED_RESPONSES);
                fail(new UnexpectedResponseException(envelope.recipient() + " answered as "
                        + responder.id().shortId() + ", expected " + expectedId.shortId()));
            } else if (response instanceof ErrorReply error) {
                answered(responder);
                stats.increment(RpcStats.ERROR_REPLIES);
                fail(new RemoteErrorException(error.code(), error.detail()));
            } else if (!responseType.isInstance(response)) {
                stats.increment(RpcStats.UNEXPECTED_RESPONSES);
                fail(new UnexpectedResponseException(envelope.recipient() + " answered "
                        + envelope.body().getClass().getSimpleName() + " with " + response.getClass().getSimpleName()));
            } else {
                answered(responder);
                if (response instanceof Pong pong) {
                    observed(source, pong.observedAddress());
                } else if (hints.hasObservedAddress()) {
                    observed(source, hints.observedAddress()); // BEP 42: KRPC's ip on any answer to our call
                }
                tell(onDone, new Reply<>(responseType.cast(response), responder, nowNanos - sentAtNanos, attempts), null);
            }
        }

        /** The responder answered at the address we called: a contact worth keeping. */
        private void answered(Contact responder) {
            Consumer<Contact> listener = onAnswered;
            if (listener != null && !responder.id().equals(self.id())) {
                listener.accept(new Contact(responder.id(), envelope.recipient()));
            }
        }

        void fail(RpcException failure) {
            tell(onDone, null, failure);
        }
    }
}
