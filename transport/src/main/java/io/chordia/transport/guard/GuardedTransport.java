package io.chordia.transport.guard;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.net.ReplySources;
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
 * A node's policy on what leaves it for addresses that have not proved they are real, as a
 * {@link Transport} around the real one, so the same rules hold whichever overlay protocol runs
 * on top (the bootstrap node's and the daemon's, with their own {@link GuardLimits}):
 * <ul>
 *   <li>an address is <em>verified</em> once a response arrives from it to a request we sent it
 *       (from it as {@link ReplySources} means it: the same socket, however its address is written);
 *   <li>no amplification: everything we send to an unverified address that has sent us requests
 *       stays within {@code amplificationFactor} times the bytes of those requests, and goes in the
 *       wire's shortest form ({@link EnvelopeHints#minimal()}). Each request
 *       adds to the address's byte budget; replies and our own requests (verification pings)
 *       spend it; what does not fit is not sent. A reply too large for the budget is either held
 *       until the address is verified and then sent whole ({@code maxHeldEnvelopes > 0}, and our
 *       requests likewise), or cut to fit (contact lists shortened, farthest first). A reply to an unverified address with
 *       no budget answers nothing we saw, and is not sent either. Requests to addresses that
 *       had not written to us when we first called them (our own lookups, our own neighbours)
 *       are not limited;
 *   <li>optionally ({@code verifiedContactsOnly}), replies hand out only verified contacts. Each
 *       contact withheld goes to a listener that can ask it to prove itself: contacts the node
 *       would hand out come from its own tables (a Chord successor's successors, say), so leaving
 *       them unasked would leave holes in every list that passes through this node.
 * </ul>
 * Every table here is bounded; the oldest entry goes first.
 *
 * <p>Threading: node thread only (the delegate's event loop); counters and sizes readable anywhere.
 */
public final class GuardedTransport implements Transport {
    /** Bytes we may still send to one unverified address. */
    private static final class Budget {
        long bytes;
    }

    private final Transport delegate;
    private final Contact self;
    private final VerifiedPeers verified;
    private final ToIntFunction<Envelope> sizeOf;
    private final int amplificationFactor;
    private final boolean verifiedContactsOnly;
    private final BoundedMap<Long, Address> outstanding;
    private final BoundedMap<Address, Budget> budgets;
    /** Null when replies are cut to fit instead. */
    private final HeldEnvelopes held;
    /**
     * With held replies: per unverified address we called before it wrote to us, the bytes of
     * our calls. Our further requests to it are not held to its budget (the conversation is
     * ours, and a request held there could wait for good: see {@link #send}); replies to it may
     * spend these bytes on top of its budget, once, or two nodes meeting would each hold the
     * other's pong (a pong is larger than the ping it answers) waiting for the other's. Such an
     * address is not pinged while these bytes last: the answer to our call will verify it.
     */
    private final BoundedMap<Address, Budget> started;
    private volatile Consumer<Address> onUnverifiedRequest = a -> {};
    private volatile Consumer<Address> onWithheldContact = a -> {};
    private final LongAdder contactsWithheld = new LongAdder();
    private final LongAdder repliesTrimmed = new LongAdder();
    private final LongAdder repliesRefused = new LongAdder();
    private final LongAdder requestsWithheld = new LongAdder();
    private final LongAdder repliesHeld = new LongAdder();
    private final LongAdder requestsHeld = new LongAdder();

    /**
     * @param sizeOf the encoded size of an envelope, as the wire codec computes it (the codec
     *               has one encoding per value, so an inbound request re-measures to its datagram)
     */
    public GuardedTransport(Transport delegate, Contact self, VerifiedPeers verified, ToIntFunction<Envelope> sizeOf,
                            GuardLimits limits) {
        this.delegate = Checks.notNull(delegate, "delegate");
        this.self = Checks.notNull(self, "self");
        this.verified = Checks.notNull(verified, "verified");
        this.sizeOf = Checks.notNull(sizeOf, "sizeOf");
        this.amplificationFactor = limits.amplificationFactor();
        this.verifiedContactsOnly = limits.verifiedContactsOnly();
        this.outstanding = new BoundedMap<>(limits.maxOutstandingRequests());
        this.budgets = new BoundedMap<>(limits.maxReplyBudgets());
        this.held = limits.maxHeldEnvelopes() > 0 ? new HeldEnvelopes(limits.maxHeldEnvelopes()) : null;
        this.started = held == null ? null : new BoundedMap<>(limits.maxReplyBudgets());
    }

    /**
     * Called on the node thread for each request from an unverified address: after it has been
     * handled, or before when replies are held (the listener's ping is what releases them).
     */
    public void onUnverifiedRequest(Consumer<Address> listener) {
        this.onUnverifiedRequest = Checks.notNull(listener, "listener");
    }

    /** Called on the node thread with the address of each contact a reply did not hand out (unverified). */
    public void onWithheldContact(Consumer<Address> listener) {
        this.onWithheldContact = Checks.notNull(listener, "listener");
    }

    @Override
    public void send(Envelope envelope) {
        if (envelope.body() instanceof Request<?>) {
            boolean unverified = !verified.isVerified(envelope.recipient());
            // Once we started the conversation, our requests are ours and not answers to whatever
            // the address sent since: held, a single lost pong would leave the two sides waiting
            // on each other for good (our requests held, its replies held for our unsent pong).
            Budget ours = unverified && started != null ? started.get(envelope.recipient()) : null;
            Budget budget = unverified && ours == null ? budgets.get(envelope.recipient()) : null;
            if (budget != null) {
                envelope = minimal(envelope);
                int size = sizeOf.applyAsInt(envelope);
                if (size > budget.bytes) {
                    if (held != null) {
                        // A protocol's own check of a new sender (Kademlia pings it) right after our
                        // verification ping spent the budget: it goes out when the pong comes.
                        held.add(envelope);
                        requestsHeld.increment();
                    } else {
                        requestsWithheld.increment();
                    }
                    return;
                }
                budget.bytes -= size;
            } else if (started != null && unverified) {
                if (ours == null) {
                    ours = new Budget();
                    started.put(envelope.recipient(), ours);
                }
                ours.bytes += sizeOf.applyAsInt(envelope);
            }
            outstanding.put(envelope.txId(), envelope.recipient());
            delegate.send(envelope);
            return;
        }
        Response reply = (Response) envelope.body();
        Response allowed = verifiedContactsOnly ? ReplyContacts.allowedOnly(reply, this::mayHandOutOrAsk) : reply;
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
            out = withinBudget(minimal(out));
            if (out == null) {
                return;
            }
        }
        delegate.send(out);
    }

    /** {@code reply} as it may go to its unverified recipient now, with the budget spent; null if not now. */
    private Envelope withinBudget(Envelope reply) {
        Budget budget = budgets.get(reply.recipient());
        if (budget == null) {
            repliesRefused.increment(); // it answers nothing we saw
            return null;
        }
        int size = sizeOf.applyAsInt(reply);
        Envelope fitted;
        Budget ours = started == null ? null : started.get(reply.recipient());
        if (size <= budget.bytes) {
            fitted = reply;
        } else if (ours != null && size <= budget.bytes + ours.bytes) {
            ours.bytes -= size - budget.bytes;
            budget.bytes = 0;
            return reply;
        } else if (held != null) {
            held.add(reply);
            repliesHeld.increment();
            if (ours != null) {
                // We called it first, so its request set off no ping: the answer we await may be
                // held on its side for ours, as ours is for it. A ping's pong fits what we sent.
                onUnverifiedRequest.accept(reply.recipient());
            }
            return null;
        } else {
            fitted = ReplyContacts.fitTo(reply, (int) Math.min(Integer.MAX_VALUE, budget.bytes), sizeOf);
            if (fitted == null) {
                repliesRefused.increment();
                return null;
            }
            repliesTrimmed.increment();
            size = sizeOf.applyAsInt(fitted);
        }
        budget.bytes -= size;
        return fitted;
    }

    @Override
    public void onReceive(InboundHandler handler) {
        Checks.notNull(handler, "handler");
        delegate.onReceive((envelope, source) -> {
            if (envelope.body() instanceof Response) {
                Address asked = outstanding.remove(envelope.txId());
                if (asked != null && ReplySources.matches(asked, source)) {
                    verified.answered(envelope.sender().id(), source);
                    budgets.remove(source);
                    if (held != null) {
                        started.remove(source);
                        held.release(source, delegate::send);
                    }
                }
                handler.onEnvelope(envelope, source);
                return;
            }
            boolean known = verified.isVerified(source);
            if (!known) {
                Budget budget = budgets.get(source);
                if (budget == null) {
                    budget = new Budget();
                    budgets.put(source, budget);
                }
                budget.bytes += (long) amplificationFactor * sizeOf.applyAsInt(envelope);
                if (held != null && !awaitingAnswer(source)) {
                    // The ping is what releases held replies, so it goes first: the smallest request,
                    // it fits the budget of any other, and a reply that no longer fits waits for the pong.
                    onUnverifiedRequest.accept(source);
                }
            }
            handler.onEnvelope(envelope, source);
            if (!known && held == null) {
                onUnverifiedRequest.accept(source);
            }
        });
    }

    /** We called {@code address} first and have not used up what that allows: its answer will verify it. */
    private boolean awaitingAnswer(Address address) {
        Budget ours = started.get(address);
        return ours != null && ours.bytes > 0;
    }

    /** Whether {@code body} sent to {@code to} now would be within the budget (node thread). */
    public boolean canAfford(Address to, io.chordia.core.message.Message body) {
        Budget budget = verified.isVerified(to) ? null : budgets.get(to);
        return budget == null || sizeOf.applyAsInt(new Envelope(0, self, to, body, EnvelopeHints.MINIMAL)) <= budget.bytes;
    }

    /**
     * {@code envelope} in the wire's shortest form: what an unverified address gets, paid from the
     * bytes it sent. A KRPC pong with our version and its {@code ip} is longer than the ping it
     * answers, so a ping-only asker would never be answered (nor afford our verification ping).
     */
    private static Envelope minimal(Envelope envelope) {
        return envelope.hints().minimal() ? envelope : new Envelope(envelope.txId(), envelope.sender(),
                envelope.recipient(), envelope.body(), EnvelopeHints.MINIMAL);
    }

    private boolean mayHandOutOrAsk(Contact contact) {
        boolean may = contact.id().equals(self.id()) || verified.isVerified(contact);
        if (!may) {
            onWithheldContact.accept(contact.address());
        }
        return may;
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

    public long contactsWithheld() {
        return contactsWithheld.sum();
    }

    public long repliesTrimmed() {
        return repliesTrimmed.sum();
    }

    public long repliesRefused() {
        return repliesRefused.sum();
    }

    public long requestsWithheld() {
        return requestsWithheld.sum();
    }

    /** Replies held until their address was verified (each counted once, sent or not). */
    public long repliesHeld() {
        return repliesHeld.sum();
    }

    /** Our own requests over an unverified address's budget, held until it was verified. */
    public long requestsHeld() {
        return requestsHeld.sum();
    }

    /** Replies and requests held now. */
    public int heldReplies() {
        return held == null ? 0 : held.size();
    }

    /** Unverified addresses with a byte budget. */
    public int pendingReplyBudgets() {
        return budgets.size();
    }

    public int outstandingRequests() {
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

        V get(K key) {
            return map.get(key);
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
