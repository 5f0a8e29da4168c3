package io.chordia.sim.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.random.RandomStreams;
import io.chordia.routing.kademlia.Subnets;
import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.SybilDefense;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where 20 attackers from 4 subnets go among 100 keys: M / N targets, nearer than any honest node, distinct subnets. */
class SybilAttackTest {
    private static final List<NodeId> KEYS = keys();

    @Test
    void eachTargetGetsAtLeastNIdsNearerThanOneInAMillionOfTheSpace() {
        for (KeyDistance metric : KeyDistance.values()) {
            SybilAttack attack = new SybilAttack(new SybilSpec(20, 4, SybilDefense.Mode.NONE), 3, metric, KEYS,
                    new RandomStreams(1).stream("sybil"));
            assertThat(attack.targets()).hasSize(6).doesNotHaveDuplicates().isSubsetOf(KEYS);
            for (NodeId target : attack.targets()) {
                long near = attack.ids().stream().filter(id -> metric.fraction(target, id) < 1e-6).count();
                assertThat(near).as("%s around %s", metric, target.shortId()).isBetween(3L, 4L);
            }
            attack.ids().forEach(id -> assertThat(attack.isAttacker(id)).isTrue());
            assertThat(attack.isAttacker(KEYS.get(0))).isFalse();
        }
    }

    @Test
    void theAttackersOfOneTargetComeFromDistinctSubnetsAndNoAddressRepeats() {
        SybilAttack attack = new SybilAttack(new SybilSpec(20, 4, SybilDefense.Mode.NONE), 3, KeyDistance.XOR, KEYS,
                new RandomStreams(2).stream("sybil"));
        Set<String> addresses = new HashSet<>();
        Set<String> subnets = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertThat(addresses.add(attack.address(i).toString())).isTrue();
            subnets.add(Subnets.of(attack.address(i)));
        }
        assertThat(subnets).hasSize(4);
        for (NodeId target : attack.targets()) {
            Set<String> own = new HashSet<>();
            List<NodeId> ids = attack.ids();
            for (int i = 0; i < ids.size(); i++) {
                if (KeyDistance.XOR.fraction(target, ids.get(i)) < 1e-6) {
                    own.add(Subnets.of(attack.address(i)));
                }
            }
            assertThat(own).as("subnets around %s", target.shortId()).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    private static List<NodeId> keys() {
        List<NodeId> out = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            out.add(NodeId.sha1Of("key " + k));
        }
        return out;
    }
}
