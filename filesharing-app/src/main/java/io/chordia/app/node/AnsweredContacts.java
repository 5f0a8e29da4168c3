package io.chordia.app.node;

import io.chordia.core.net.Contact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contacts that answered this node's own requests (that id, at that address), most recently
 * answered last, at most {@code capacity}: what may be saved for a warm restart. A contact the
 * overlay holds may never have answered: Chord takes a notify's sender as its predecessor, and a
 * forged datagram can name any sender. Such a contact is tried, and dropped when it stays silent,
 * but a node that saves it meanwhile would start from it next time.
 *
 * <p>Written on the node thread, read by the saving thread: synchronized.
 */
final class AnsweredContacts {
    private final int capacity;
    private final LinkedHashMap<Contact, Boolean> answered;

    AnsweredContacts(int capacity) {
        this.capacity = capacity;
        this.answered = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Contact, Boolean> eldest) {
                return size() > AnsweredContacts.this.capacity;
            }
        };
    }

    synchronized void answered(Contact contact) {
        answered.put(contact, Boolean.TRUE);
    }

    synchronized boolean hasAnswered(Contact contact) {
        return answered.containsKey(contact);
    }

    /** {@code contacts} without those that never answered, in their order. */
    synchronized List<Contact> onlyAnswered(List<Contact> contacts) {
        return contacts.stream().filter(answered::containsKey).toList();
    }
}
