package io.chordia.core.net;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/** A peer as others know it: its id and the address it answers on. */
public record Contact(NodeId id, Address address) {
    public Contact {
        Checks.notNull(id, "id");
        Checks.notNull(address, "address");
    }

    @Override
    public String toString() {
        return id.shortId() + "@" + address;
    }
}
