package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/** Which contacts do you know closest to {@code target}? At most {@code count} of them. */
public record FindNode(NodeId target, int count) implements Request<Nodes> {
    public FindNode {
        Checks.notNull(target, "target");
        Checks.inRange(count, 1, MessageLimits.MAX_CONTACTS, "count");
    }

    @Override
    public Class<Nodes> responseType() {
        return Nodes.class;
    }
}
