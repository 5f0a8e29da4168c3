package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/** Chord, iterative lookup step: who is the successor of {@code key}, or who is closer to it? */
public record FindSuccessor(NodeId key) implements Request<NextHop> {
    public FindSuccessor {
        Checks.notNull(key, "key");
    }

    @Override
    public Class<NextHop> responseType() {
        return NextHop.class;
    }
}
