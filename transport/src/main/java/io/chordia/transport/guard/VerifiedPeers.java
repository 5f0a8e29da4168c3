package io.chordia.transport.guard;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The addresses that answered a request we sent them, and as which id: proof that the address is
 * real and wants our traffic, which a spoofed source cannot give. An LRU map with a hard cap.
 *
 * <p>Threading: node thread only, except {@link #size()}.
 */
public final class VerifiedPeers {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final int capacity;
    private final LinkedHashMap<Address, NodeId> byAddress;
    /** Verified addresses per source key, so the rate limiter can ask about an IP without a port. */
    private final Map<Long, Integer> perSource = new HashMap<>();
    private volatile int size;

    public VerifiedPeers(int capacity) {
        this.capacity = capacity;
        this.byAddress = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true);
    }

    /** {@code id} answered a request we sent to {@code address}. */
    public void answered(NodeId id, Address address) {
        NodeId previous = byAddress.put(address, id);
        if (previous == null) {
            adjust(address, 1);
            if (byAddress.size() > capacity) {
                Map.Entry<Address, NodeId> eldest = byAddress.entrySet().iterator().next();
                byAddress.remove(eldest.getKey());
                adjust(eldest.getKey(), -1);
            }
        }
        size = byAddress.size();
    }

    public boolean isVerified(Address address) {
        return byAddress.containsKey(address);
    }

    /** True when this very id answered at this very address. */
    public boolean isVerified(Contact contact) {
        return contact.id().equals(byAddress.get(contact.address()));
    }

    /** True when some address on this source IP (IPv6: /64) is verified. */
    public boolean isVerifiedSource(long sourceKey) {
        return perSource.containsKey(sourceKey);
    }

    public int size() {
        return size;
    }

    private void adjust(Address address, int delta) {
        Long key = sourceKey(address);
        if (key != null) {
            perSource.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private static Long sourceKey(Address address) {
        String host = address.host();
        if (!host.contains(":") && !IPV4.matcher(host).matches()) {
            return null; // a name: never resolved here, and never the source of a datagram
        }
        try {
            return SourceKeys.of(InetAddress.getByName(host)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
