package io.chordia.core.message;

import io.chordia.core.net.Address;
import io.chordia.core.util.Checks;

/**
 * The answer to {@link Ping}, telling the requester the address its request came from, so a
 * node behind NAT learns how others see it.
 */
public record Pong(Address observedAddress) implements Response {
    public Pong {
        Checks.notNull(observedAddress, "observedAddress");
    }
}
