package io.chordia.routing.chord;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.NextHop;
import io.chordia.core.net.Contact;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * What each node that answered one lookup said of the key's owner. A node that names itself first claims
 * the key. A node that names nodes before itself, then itself (the key lies in the arc of a predecessor it
 * has not yet found dead), claims it only once those are dead: its arc then reaches back over theirs. Any
 * other answer (closer nodes, or an owner list without the node) says the key is not its own.
 *
 * <p>Why it matters: under churn a live owner whose predecessor has just died names the dead one; once the
 * lookup has found that one dead, the owner is the node that named it, and not whichever node the lookup
 * asked last. A few dozen nodes at most per lookup: kept in two small arrays. One lookup, node thread.
 */
final class OwnerClaims {
    private NodeId[] ids;
    /** Per node, the nodes it named before itself; null for a denial (no claim at all). */
    private List<Contact>[] ahead;
    private int size;

    /** Records {@code node}'s answer, replacing an earlier one. */
    void record(Contact node, NextHop answer) {
        List<Contact> before = null;
        if (answer.done()) {
            List<Contact> named = answer.nodes();
            for (int i = 0; i < named.size(); i++) {
                if (named.get(i).id().equals(node.id())) {
                    before = List.copyOf(named.subList(0, i));
                    break;
                }
            }
        }
        put(node.id(), before);
    }

    /** Whether {@code id} answered and its claim holds: it named itself, or every node it named before itself is dead. */
    boolean holds(NodeId id, Predicate<NodeId> dead) {
        int at = indexOf(id);
        if (at < 0 || ahead[at] == null) {
            return false;
        }
        List<Contact> before = ahead[at];
        for (int i = 0; i < before.size(); i++) {
            if (!dead.test(before.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code id} answered without naming itself owner, on any condition. */
    boolean denied(NodeId id) {
        int at = indexOf(id);
        return at >= 0 && ahead[at] == null;
    }

    private int indexOf(NodeId id) {
        for (int i = 0; i < size; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private void put(NodeId id, List<Contact> before) {
        int at = indexOf(id);
        if (at >= 0) {
            ahead[at] = before;
            return;
        }
        if (ids == null) {
            ids = new NodeId[8];
            ahead = new List[8];
        } else if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            ahead = Arrays.copyOf(ahead, size * 2);
        }
        ids[size] = id;
        ahead[size++] = before;
    }
}
