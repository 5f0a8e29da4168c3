package io.chordia.core.message;

import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * Chord: the responder's ring neighbours, nearest first on each side.
 *
 * @param predecessors its predecessor first, then the nodes before it (may be empty)
 * @param successors   its successor list (may be empty only on a node alone)
 */
public record Neighbors(List<Contact> predecessors, List<Contact> successors) implements Response {
    public static final int MAX_PREDECESSORS = 8;
    public static final int MAX_SUCCESSORS = 16;

    public Neighbors {
        predecessors = List.copyOf(Checks.notNull(predecessors, "predecessors"));
        successors = List.copyOf(Checks.notNull(successors, "successors"));
        Checks.check(predecessors.size() <= MAX_PREDECESSORS, "at most %s predecessors, got %s",
                MAX_PREDECESSORS, predecessors.size());
        Checks.check(successors.size() <= MAX_SUCCESSORS, "at most %s successors, got %s",
                MAX_SUCCESSORS, successors.size());
    }
}
