package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/**
 * BEP 44's {@code get}: the item stored under {@code target}, answered by {@link Item}.
 *
 * @param seq only a mutable item with a sequence number above this is wanted; -1 for any
 */
public record GetItem(NodeId target, long seq) implements Request<Item> {
    public GetItem {
        Checks.notNull(target, "target");
        Checks.check(seq >= -1, "seq is -1 or a sequence number, was %s", seq);
    }

    @Override
    public Class<Item> responseType() {
        return Item.class;
    }
}
