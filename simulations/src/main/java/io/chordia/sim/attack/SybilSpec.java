package io.chordia.sim.attack;

import io.chordia.routing.replication.SybilDefense;

/**
 * A Sybil attack on stored keys, and the defense the honest nodes run.
 *
 * @param attackers nodes the attacker runs, with ids it chooses
 * @param subnets   distinct /24 subnets the attackers' addresses come from
 * @param defense   how honest nodes' replica sets reach past the nodes nearest a key
 */
public record SybilSpec(int attackers, int subnets, SybilDefense.Mode defense) {
    /** Host numbers of a /24 the simulator hands out to attackers (1 to 254). */
    static final int HOSTS_PER_SUBNET = 254;

    public static final SybilSpec NONE = new SybilSpec(0, 1, SybilDefense.Mode.NONE);

    public SybilSpec {
        require(defense != null, "defense must not be null");
        // Up to one /24's worth: whatever way the subnets are shared out, every attacker has a host number.
        require(attackers >= 0 && attackers <= HOSTS_PER_SUBNET,
                "--sybil must be between 0 and " + HOSTS_PER_SUBNET + ", was " + attackers);
        require(subnets >= 1 && subnets <= 256, "--sybil-subnets must be between 1 and 256, was " + subnets);
        require(attackers == 0 || subnets <= attackers,
                "--sybil-subnets (" + subnets + ") cannot exceed the attackers (" + attackers + ")");
    }

    public boolean attacks() {
        return attackers > 0;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
