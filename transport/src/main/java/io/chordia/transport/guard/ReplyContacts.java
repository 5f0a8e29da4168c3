package io.chordia.transport.guard;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.NextHop;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Response;
import io.chordia.core.net.Contact;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Rewrites the contact lists of replies: keeps only contacts a predicate allows, or shortens the
 * lists until the reply fits a byte budget. Knows the three replies that carry contacts
 * ({@link Nodes}, {@link NextHop}, {@link Neighbors}); any other reply passes unchanged.
 */
final class ReplyContacts {
    private ReplyContacts() {}

    /**
     * {@code reply} with only the contacts {@code allowed} accepts, the same instance when all
     * are; {@code null} when what is left is no valid reply (a {@link NextHop} needs a node).
     */
    static Response allowedOnly(Response reply, Predicate<Contact> allowed) {
        if (reply instanceof Nodes nodes) {
            List<Contact> kept = keep(nodes.contacts(), allowed);
            return kept == nodes.contacts() ? reply : new Nodes(kept);
        }
        if (reply instanceof NextHop hop) {
            List<Contact> kept = keep(hop.nodes(), allowed);
            if (kept.isEmpty()) {
                return null;
            }
            return kept == hop.nodes() ? reply : new NextHop(hop.done(), kept);
        }
        if (reply instanceof Neighbors n) {
            List<Contact> preds = keep(n.predecessors(), allowed);
            List<Contact> succs = keep(n.successors(), allowed);
            return preds == n.predecessors() && succs == n.successors() ? reply : new Neighbors(preds, succs);
        }
        return reply;
    }

    /** Contacts in {@code reply}. */
    static int contactCount(Response reply) {
        if (reply instanceof Nodes nodes) {
            return nodes.contacts().size();
        }
        if (reply instanceof NextHop hop) {
            return hop.nodes().size();
        }
        if (reply instanceof Neighbors n) {
            return n.predecessors().size() + n.successors().size();
        }
        return 0;
    }

    /**
     * {@code envelope} if it fits {@code budgetBytes}, else with its reply's lists cut (the last,
     * least useful contacts first) to the longest that fits; {@code null} if nothing does.
     */
    static Envelope fitTo(Envelope envelope, int budgetBytes, ToIntFunction<Envelope> sizeOf) {
        if (sizeOf.applyAsInt(envelope) <= budgetBytes) {
            return envelope;
        }
        Response reply = (Response) envelope.body();
        for (int n = contactCount(reply) - 1; n >= 0; n--) {
            Response shorter = truncate(reply, n);
            if (shorter == null) {
                return null;
            }
            Envelope candidate = new Envelope(envelope.txId(), envelope.sender(), envelope.recipient(), shorter);
            if (sizeOf.applyAsInt(candidate) <= budgetBytes) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code reply} with {@code n} contacts; successors are kept before predecessors. */
    static Response truncate(Response reply, int n) {
        if (reply instanceof Nodes nodes) {
            return new Nodes(nodes.contacts().subList(0, Math.min(n, nodes.contacts().size())));
        }
        if (reply instanceof NextHop hop) {
            return n == 0 ? null : new NextHop(hop.done(), hop.nodes().subList(0, Math.min(n, hop.nodes().size())));
        }
        if (reply instanceof Neighbors nb) {
            int succs = Math.min(n, nb.successors().size());
            int preds = Math.min(n - succs, nb.predecessors().size());
            return new Neighbors(nb.predecessors().subList(0, preds), nb.successors().subList(0, succs));
        }
        return n == 0 ? reply : null;
    }

    private static List<Contact> keep(List<Contact> contacts, Predicate<Contact> allowed) {
        for (Contact c : contacts) {
            if (!allowed.test(c)) {
                return contacts.stream().filter(allowed).toList();
            }
        }
        return contacts;
    }
}
