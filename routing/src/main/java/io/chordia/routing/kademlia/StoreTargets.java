package io.chordia.routing.kademlia;

import io.chordia.core.id.Bep42;
import io.chordia.core.net.Contact;
import io.chordia.core.net.ReplySources;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which of the nodes closest to a key to store on (an announce, a put): BEP 42 asks a storing node
 * to prefer nodes whose id is bound to their IP, since a node that can pick its id freely can
 * place itself next to any key to swallow or censor what is stored there. So the k closest valid
 * nodes are chosen, and only when fewer than k are valid do the closest invalid ones fill the
 * rest (a small or young network must still store somewhere). Local addresses are exempt (all
 * valid), as BEP 42 says; a contact named by host name is treated as invalid.
 */
final class StoreTargets {
    private StoreTargets() {}

    /** Up to {@code k} of {@code closestFirst}, valid BEP 42 ids first, each group in the given order. */
    static <T> List<T> choose(List<T> closestFirst, Function<T, Contact> contactOf, int k) {
        List<T> chosen = new ArrayList<>(k);
        List<T> invalid = new ArrayList<>();
        for (T candidate : closestFirst) {
            if (chosen.size() == k) {
                break;
            }
            if (isValid(contactOf.apply(candidate))) {
                chosen.add(candidate);
            } else if (invalid.size() < k) {
                invalid.add(candidate);
            }
        }
        for (int i = 0; i < invalid.size() && chosen.size() < k; i++) {
            chosen.add(invalid.get(i));
        }
        return chosen;
    }

    static boolean isValid(Contact contact) {
        byte[] ip = ReplySources.ipOf(contact.address());
        return ip != null && Bep42.isValid(contact.id(), ip);
    }
}
