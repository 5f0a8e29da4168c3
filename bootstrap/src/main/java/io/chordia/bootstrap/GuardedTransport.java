package io.chordia.bootstrap;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.InboundHandler;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.util.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The bootstrap node's policy on what leaves it, as a {@link Transport} around the real one, so
 * the same rules hold whichever overlay protocol runs on top:
 * <ul>
 *   <li>an address is <em>verified</em> once a response arrives from it to a request we sent it;
 *   <li>replies hand out only verified contacts (and ourselves);
 *   <li>a reply to an unverified address is at most {@code amplificationFactor} times the bytes of
 *       the request it answers: contact lists are cut to fit, and a reply that cannot fit, or
 *       answers no request we saw, is not sent.
 * </ul>
 * Every table here is bounded; the oldest entry goes first.
 *
 * <p>Threading: node thread only (the delegate's event loop); counters and sizes readable anywhere.
 */
final class GuardedTransport implements Transport {
    private record ReplyKey(Address to, long txId) {}

    private final Transport delegate;
    private final NodeId selfId;
    private final VerifiedPeers verified;
    private final ToIntFunction<Envelope> sizeOf;
    private final int amplificationFactor;
    private final BoundedMap<Long, Address> outstanding;
    private final BoundedMap<ReplyKey, Integer> budgets;
    private volatile Consumer<Address> onUnverifiedRequest = a -> {};
    private final LongAdder contactsWithheld = new LongAdder();
    private final LongAdder repliesTrimmed = new LongAdder();
    private final LongAdder repliesRefused = new LongAdder();

    /**
     * @param sizeOf the encoded size of an envelope, as the wire codec computes it (the codec
     *               has one encoding per value, so an inbound request re-measures to its datagram)
     */
    GuardedTransport(Transport delegate, NodeId selfId, VerifiedPeers verified, ToIntFunction<Envelope> sizeOf,
                     BootstrapLimits limits) {
        this.delegate = Checks.notNull(delegate, "delegate");
        this.selfId = Checks.notNull(selfId, "selfId");
        this.verified = Checks.notNull(verified, "verified");
        this.sizeOf = Checks.notNull(sizeOf, "sizeOf");
        this.amplificationFactor = limits.amplificationFactor();
        // Our own calls are capped by the RPC layer; twice that covers retransmissions' reuse of ids.
        this.outstanding = new BoundedMap<>(2 * limits.maxPendingCalls());
        this.budgets = new BoundedMap<>(limits.maxReplyBudgets());
    }

    /** Called on the node thread after each request from an unverified address has been handled. */
    void onUnverifiedRequest(Consumer<Address> listener) {
        this.onUnverifiedRequest = Checks.notNull(listener, "listener");
    }

    @Override
    public void send(Envelope envelope) {
        if (envelope.body() instanceof Request<?>) {
            outstanding.put(envelope.txId(), envelope.recipient());
            delegate.send(envelope);
            return;
        }
        Response reply = (Response) envelope.body();
        Response allowed = ReplyContacts.allowedOnly(reply, this::mayHandOut);
        if (allowed == null) {
            repliesRefused.increment();
            return;
        }
        Envelope out = envelope;
        if (allowed != reply) {
            contactsWithheld.add(ReplyContacts.contactCount(reply) - ReplyContacts.contactCount(allowed));
            out = new Envelope(envelope.txId(), envelope.sender(), envelope.recipient(), allowed);
        }
        if (!verified.isVerified(envelope.recipient())) {
            Integer budget = budgets.remove(new ReplyKey(envelope.recipient(), envelope.txId()));
            Envelope fitted = budget == null ? null : ReplyContacts.fitTo(out, budget, sizeOf);
            if (fitted == null) {
                repliesRefused.increment();
                return;
            }
            if (fitted != out) {
                repliesTrimmed.increment();
            }
            out = fitted;
        }
        delegate.send(out);
    }

    @Override
    public void onReceive(InboundHandler handler) {
        Checks.notNull(handler, "handler");
        delegate.onReceive((envelope, source) -> {
            if (envelope.body() instanceof Response) {
                Address asked = outstanding.remove(envelope.txId());
                if (source.equals(asked)) {
                    verified.answered(envelope.sender().id(), source);
                }
                handler.onEnvelope(envelope, source);
                return;
            }
            boolean known = verified.isVerified(source);
            if (!known) {
                budgets.put(new ReplyKey(source, envelope.txId()), amplificationFactor * sizeOf.applyAsInt(envelope));
            }
            handler.onEnvelope(envelope, source);
            if (!known) {
                onUnverifiedRequest.accept(source);
            }
        });
    }

    private boolean mayHandOut(Contact contact) {
        return contact.id().equals(selfId) || verified.isVerified(contact);
    }

    @Override
    public Address localAddress() {
        return delegate.localAddress();
    }

    @Override
    public TransportStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }

    long contactsWithheld() {
        return contactsWithheld.sum();
    }

    long repliesTrimmed() {
        return repliesTrimmed.sum();
    }

    long repliesRefused() {
        return repliesRefused.sum();
    }

    int pendingReplyBudgets() {
        return budgets.size();
    }

    int outstandingRequests() {
        return outstanding.size();
    }

    /** An insertion-ordered map that drops its oldest entry past a hard cap; size readable anywhere. */
    private static final class BoundedMap<K, V> {
        private final int capacity;
        private final LinkedHashMap<K, V> map = new LinkedHashMap<>();
        private volatile int size;

        BoundedMap(int capacity) {
            this.capacity = capacity;
        }

        void put(K key, V value) {
            map.put(key, value);
            if (map.size() > capacity) {
                Map.Entry<K, V> eldest = map.entrySet().iterator().next();
                map.remove(eldest.getKey());
            }
            size = map.size();
        }

        V remove(K key) {
            V value = map.remove(key);
            size = map.size();
            return value;
        }

        int size() {
            return size;
        }
    }
}
