package io.chordia.core.message;

import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * "I am leaving": sent to ring neighbours on a graceful leave, with the leaver's neighbours so
 * they can repair at once instead of waiting for a timeout. Receivers still check liveness before
 * adopting any of them. Answered by {@link Ack}.
 */
public record Leaving(List<Contact> predecessors, List<Contact> successors) implements Request<Ack> {
    public Leaving {
        predecessors = List.copyOf(Checks.notNull(predecessors, "predecessors"));
        successors = List.copyOf(Checks.notNull(successors, "successors"));
        Checks.check(predecessors.size() <= Neighbors.MAX_PREDECESSORS, "at most %s predecessors, got %s",
                Neighbors.MAX_PREDECESSORS, predecessors.size());
        Checks.check(successors.size() <= Neighbors.MAX_SUCCESSORS, "at most %s successors, got %s",
                Neighbors.MAX_SUCCESSORS, successors.size());
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
