package io.chordia.app.share.directory;

import io.chordia.core.net.Address;
import io.chordia.core.util.Checks;

/** One announced peer in a DHT peer list: where it serves, and until when (wall clock, epoch seconds). */
record PeerEntry(Address address, long expiresEpochSecond) {
    PeerEntry {
        Checks.notNull(address, "address");
        Checks.inRange(expiresEpochSecond, 0, 0xFFFF_FFFFL, "expiresEpochSecond");
    }
}
