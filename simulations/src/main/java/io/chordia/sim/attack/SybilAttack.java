package io.chordia.sim.attack;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.routing.replication.KeyDistance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Where the attacker's nodes go. The attacker cannot hold every key with a few nodes, so it aims
 * at as many keys as it can take whole: with M nodes and N replicas, M / N target keys, each
 * surrounded by N (or N + 1) ground ids nearer the key than any honest node is likely to be
 * (within 2^-80 of the id space, where the nearest of n honest nodes is about 1/n away).
 * Grinding is modelled by choosing the ids outright: without ids bound to addresses, a SHA-1 of a
 * self-made key lands anywhere the attacker likes after enough tries. The attackers of one target
 * take their addresses from distinct subnets while there are enough (its j-th attacker from
 * subnet j mod S), since replica sets that count distinct subnets are the defense to beat; the
 * subnets are /24s of 192.168.0.0/16, which honest simulated nodes never use.
 */
public final class SybilAttack {
    private final List<NodeId> targets;
    private final List<NodeId> ids = new ArrayList<>();
    private final List<Address> addresses = new ArrayList<>();
    private final Set<NodeId> attackerIds = new HashSet<>();

    /**
     * Plans the attack on some of {@code keys} (the keys the workload will store, known to the
     * attacker in advance: it targets content it has seen named).
     */
    public SybilAttack(SybilSpec spec, int replicas, KeyDistance metric, List<NodeId> keys, RandomGenerator random) {
        if (!spec.attacks() || keys.isEmpty()) {
            targets = List.of();
            return;
        }
        int count = Math.min(keys.size(), Math.max(1, spec.attackers() / replicas));
        Set<NodeId> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(keys.get(random.nextInt(keys.size())));
        }
        targets = List.copyOf(chosen);
        int[] hostsUsed = new int[spec.subnets()];
        for (int i = 0; i < spec.attackers(); i++) {
            NodeId target = targets.get(i % targets.size());
            int subnet = (i / targets.size()) % spec.subnets();
            addresses.add(new Address("192.168." + subnet + "." + ++hostsUsed[subnet], 4000));
            NodeId offset = NodeId.of(0, random.nextLong() >>> 16, random.nextInt());
            NodeId id = metric == KeyDistance.CLOCKWISE ? target.plus(offset) : target.xor(offset);
            ids.add(id);
            attackerIds.add(id);
        }
    }

    /** The keys the attackers surround. */
    public List<NodeId> targets() {
        return targets;
    }

    /** The attackers' ids, attacker 0 first. */
    public List<NodeId> ids() {
        return List.copyOf(ids);
    }

    /** Attacker {@code i}'s address. */
    public Address address(int i) {
        return addresses.get(i);
    }

    public boolean isAttacker(NodeId id) {
        return attackerIds.contains(id);
    }
}
