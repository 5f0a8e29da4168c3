package io.chordia.core.random;

import io.chordia.core.util.SuppressForbidden;
import java.security.SecureRandom;

/**
 * The one source of randomness for nodes on the network (the daemon, the bootstrap node, their
 * identities and secrets): transaction ids, write-token secrets and keys must be unguessable, and
 * seeded {@link RandomStreams} are not (one observed SplitMix64 output gives away the seed and
 * every later draw). Simulations use {@link RandomStreams} instead, so a run replays from its seed.
 * A build test pins that the composition roots draw from here.
 */
public final class UnguessableRandom {
    private UnguessableRandom() {}

    /** A new CSPRNG, seeded by the operating system. */
    @SuppressForbidden(reason = "the sanctioned place where nodes on real networks get a CSPRNG")
    public static SecureRandom create() {
        return new SecureRandom();
    }

    /** {@code n} bytes from a CSPRNG. */
    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        create().nextBytes(b);
        return b;
    }
}
