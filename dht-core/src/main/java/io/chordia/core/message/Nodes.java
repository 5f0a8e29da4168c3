package io.chordia.core.message;

import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.List;

/** Contacts, in the order the responder ranks them (closest first for a {@link FindNode}). */
public record Nodes(List<Contact> contacts) implements Response {
    public Nodes {
        Checks.notNull(contacts, "contacts");
        if (contacts.size() > MessageLimits.MAX_CONTACTS) {
            throw new IllegalArgumentException("at most " + MessageLimits.MAX_CONTACTS + " contacts, got " + contacts.size());
        }
        contacts = List.copyOf(contacts);
    }
}
