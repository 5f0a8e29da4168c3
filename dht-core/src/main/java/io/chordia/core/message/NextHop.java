package io.chordia.core.message;

import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * Chord, the answer to {@link FindSuccessor}.
 *
 * @param done  true when {@code nodes} starts with the key's successor (followed by its successors,
 *              the replica set); false when {@code nodes} are closer nodes preceding the key, best
 *              first, for the asker to try next
 * @param nodes never empty
 */
public record NextHop(boolean done, List<Contact> nodes) implements Response {
    public static final int MAX_NODES = 16;

    public NextHop {
        nodes = List.copyOf(Checks.notNull(nodes, "nodes"));
        Checks.check(!nodes.isEmpty() && nodes.size() <= MAX_NODES, "1..%s nodes, got %s", MAX_NODES, nodes.size());
    }
}
