package io.chordia.core.testing;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;

/** Readable ids and contacts for tests. */
public final class TestIds {
    private TestIds() {}

    /** The id whose top 32 bits are {@code n} and the rest zero: ids sort like their numbers. */
    public static NodeId id(int n) {
        return NodeId.of((long) n << 32, 0, 0);
    }

    /** A distinct simulated address per {@code n}: 10.x.y.z:4000. */
    public static Address address(int n) {
        return new Address("10." + ((n >>> 16) & 0xFF) + "." + ((n >>> 8) & 0xFF) + "." + (n & 0xFF), 4000);
    }

    public static Contact contact(int n) {
        return new Contact(id(n), address(n));
    }
}
