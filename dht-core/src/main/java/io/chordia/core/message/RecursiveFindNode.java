package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;

/**
 * A hop of a recursive Kademlia lookup: the receiver acknowledges at once ({@link Ack}), then
 * forwards the query to a contact XOR-closer to {@code target} than itself, or, when it knows none
 * that answers, sends its {@code count} closest straight to {@code origin} in a
 * {@link RecursiveFindNodeDone}.
 *
 * @param target   the id looked up
 * @param count    how many closest nodes the origin wants
 * @param lookupId the origin's id for this lookup, echoed in the answer
 * @param origin   where the answer goes
 * @param hops     the nodes this query has reached so far, this one included (1 = sent by the origin)
 * @param sent     requests sent along the chain so far, this one included: hops plus forwards to
 *                 hops that did not acknowledge
 */
public record RecursiveFindNode(NodeId target, int count, long lookupId, Contact origin, int hops, int sent)
        implements Request<Ack> {
    public static final int MAX_HOPS = 255;
    public static final int MAX_SENT = 65_535;

    public RecursiveFindNode {
        Checks.notNull(target, "target");
        Checks.inRange(count, 1, MessageLimits.MAX_CONTACTS, "count");
        Checks.notNull(origin, "origin");
        Checks.inRange(hops, 1, MAX_HOPS, "hops");
        Checks.inRange(sent, hops, MAX_SENT, "sent");
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
