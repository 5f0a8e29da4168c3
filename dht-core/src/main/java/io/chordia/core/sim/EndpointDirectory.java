package io.chordia.core.sim;

import io.chordia.core.net.Address;
import io.chordia.core.util.LongKeyedMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated network's endpoints by address, looked up once per delivered datagram. Simulated
 * hosts have IPv4 addresses, so those are keyed by {@code ipv4 << 16 | port} in a primitive map:
 * a probe reads the key array and the value, where a {@code HashMap<Address, …>} read its table,
 * an entry, the stored address, its host string and that string's bytes, five cache misses per
 * datagram once 10,000 and more hosts no longer fit in the cache. Other hosts (names, IPv6) go
 * to a plain map. Not thread-safe.
 */
final class EndpointDirectory {
    private final LongKeyedMap<SimEndpoint> byIpv4 = new LongKeyedMap<>();
    private final Map<Address, SimEndpoint> byName = new HashMap<>();

    /** The endpoint at {@code address}, or {@code null}. */
    SimEndpoint get(Address address) {
        long key = key(address);
        return key >= 0 ? byIpv4.get(key) : byName.get(address);
    }

    void put(Address address, SimEndpoint endpoint) {
        long key = key(address);
        if (key >= 0) {
            byIpv4.put(key, endpoint);
        } else {
            byName.put(address, endpoint);
        }
    }

    int size() {
        return byIpv4.size() + byName.size();
    }

    /** The address as one number when its host is an IPv4 literal (never 0: ports start at 1), else -1. */
    private static long key(Address address) {
        long ipv4 = address.ipv4();
        return ipv4 < 0 ? -1 : ipv4 << 16 | address.port();
    }
}
