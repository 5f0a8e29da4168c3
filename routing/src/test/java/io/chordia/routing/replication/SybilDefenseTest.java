package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replica counts for a key that ground ids crowd, then honest nodes one n-th of the id space
 * apart (n = 1,000), the first half a step from the key: the crowd is nearest, so only a set that reaches past it has an
 * honest replica.
 */
class SybilDefenseTest {
    private static final NodeId KEY = NodeId.sha1Of("target");
    private static final int N = 3;
    private static final double SIZE = 1000;

    @Test
    void withoutADefenseTheSetIsTheNNearestAllOfThemAttackers() {
        assertThat(count(SybilDefense.NONE, crowd(3, 3), SIZE)).isEqualTo(N);
    }

    @Test
    void countingSubnetsReachesPastAttackersFromOneSubnetButNotFromN() {
        SybilDefense subnets = SybilDefense.defaults().withMode(SybilDefense.Mode.SUBNETS);
        assertThat(count(subnets, crowd(3, 1), SIZE)).as("one subnet counts once: two honest nodes more").isEqualTo(5);
        assertThat(count(subnets, crowd(3, 3), SIZE)).as("three subnets count as three replicas").isEqualTo(N);
    }

    @Test
    void reachTakesEveryNodeWithinTwiceTheNthNodesExpectedDistance() {
        SybilDefense reach = SybilDefense.defaults();
        // Window 2 * 3 / 1000: the crowd, and the honest nodes at 0.5 .. 5.5 thousandths.
        assertThat(count(reach, crowd(3, 3), SIZE)).isEqualTo(3 + 6);
        assertThat(count(reach, crowd(0, 1), SIZE)).as("no crowd: the honest nodes of the window").isEqualTo(6);
    }

    @Test
    void reachIsBoundedAndNeverBelowN() {
        SybilDefense reach = SybilDefense.defaults();
        assertThat(count(reach, crowd(20, 20), SIZE)).as("a crowd of 20 meets the cap").isEqualTo(12);
        assertThat(count(reach, crowd(0, 1), 1e9)).as("an overestimated size: still N").isEqualTo(N);
        assertThat(count(reach, crowd(0, 1), 0)).as("no estimate yet: N").isEqualTo(N);
        assertThat(count(reach, crowd(0, 1).subList(0, 2), SIZE)).as("fewer candidates than N").isEqualTo(2);
    }

    @Test
    void bothTakesTheLongerSet() {
        SybilDefense both = SybilDefense.defaults().withMode(SybilDefense.Mode.BOTH);
        assertThat(count(both, crowd(3, 3), SIZE)).isEqualTo(9);
        assertThat(count(both, crowd(3, 1), 1e9)).as("reach shrunk to N by a wild estimate, subnets still 5").isEqualTo(5);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new SybilDefense(SybilDefense.Mode.REACH, 0.5, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reachFactor");
        assertThatThrownBy(() -> new SybilDefense(SybilDefense.Mode.REACH, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxReplicas");
    }

    private static int count(SybilDefense defense, List<Contact> nearest, double size) {
        return defense.replicaCount(KEY, nearest, N, KeyDistance.CLOCKWISE, size);
    }

    /**
     * {@code attackers} ids just past the key, from {@code subnets} /24s in turn, then 20 honest
     * nodes at 0.5/1000, 1.5/1000, ... of the ring past the key, each in a /24 of its own.
     */
    static List<Contact> crowd(int attackers, int subnets) {
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            out.add(new Contact(KEY.plus(NodeId.of(0, 0, i + 1)), new Address("192.168." + i % subnets + "." + (i + 1), 4000)));
        }
        BigInteger halfStep = BigInteger.ONE.shiftLeft(NodeId.BITS).divide(BigInteger.valueOf(2000));
        for (int i = 1; i <= 20; i++) {
            NodeId id = KEY.plus(NodeId.fromBigInteger(halfStep.multiply(BigInteger.valueOf(2L * i - 1))));
            out.add(new Contact(id, new Address("10.0." + i + ".1", 4000)));
        }
        return out;
    }
}
