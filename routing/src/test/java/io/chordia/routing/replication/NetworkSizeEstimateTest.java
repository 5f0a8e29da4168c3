package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The size estimate from the nodes nearest lookup targets, and its median against crowded keys. */
class NetworkSizeEstimateTest {
    @Test
    void evenlySpacedNodesGiveTheirDensity() {
        NetworkSizeEstimate estimate = new NetworkSizeEstimate(KeyDistance.XOR);
        NodeId target = NodeId.sha1Of("a");
        estimate.record(target, spaced(target, KeyDistance.XOR, 500, 0, 16));
        assertThat(estimate.nodes()).isCloseTo(500, within(1.0));
    }

    @Test
    void aFewLookupsOfCrowdedKeysDoNotMoveTheMedian() {
        NetworkSizeEstimate estimate = new NetworkSizeEstimate(KeyDistance.CLOCKWISE);
        for (int i = 0; i < 10; i++) {
            NodeId target = NodeId.sha1Of("t" + i);
            estimate.record(target, spaced(target, KeyDistance.CLOCKWISE, 1000, 0, 16));
        }
        for (int i = 0; i < 3; i++) {
            NodeId target = NodeId.sha1Of("crowded " + i);
            estimate.record(target, spaced(target, KeyDistance.CLOCKWISE, 1000, 8, 8));
        }
        assertThat(estimate.nodes()).isCloseTo(1000, within(1.0));
    }

    @Test
    void aCrowdedLookupAloneOverstatesTheSize() {
        NetworkSizeEstimate estimate = new NetworkSizeEstimate(KeyDistance.CLOCKWISE);
        NodeId target = NodeId.sha1Of("crowded");
        estimate.record(target, spaced(target, KeyDistance.CLOCKWISE, 1000, 3, 17));
        assertThat(estimate.nodes()).as("why one lookup is not trusted alone").isGreaterThan(1200);
    }

    @Test
    void theNeighbourhoodGivesAnEstimateBeforeAnyLookupAndChordPredecessorsAreLeftOut() {
        NetworkSizeEstimate estimate = new NetworkSizeEstimate(KeyDistance.CLOCKWISE);
        assertThat(estimate.nodes()).isZero();
        NodeId self = NodeId.sha1Of("self");
        List<Contact> leafSet = new ArrayList<>(spaced(self, KeyDistance.CLOCKWISE, 2000, 0, 8));
        BigInteger step = BigInteger.ONE.shiftLeft(NodeId.BITS).divide(BigInteger.valueOf(2000));
        for (int i = 1; i <= 8; i++) {
            leafSet.add(contact(self.minus(NodeId.fromBigInteger(step.multiply(BigInteger.valueOf(i))))));
        }
        estimate.recordNeighbourhood(self, leafSet);
        assertThat(estimate.nodes()).isCloseTo(2000, within(1.0));
    }

    @Test
    void thePooledEstimateWeighsEveryLookupsFarthestNode() {
        NetworkSizeEstimate estimate = new NetworkSizeEstimate(KeyDistance.XOR);
        assertThat(estimate.fromLookups()).isZero();
        for (int i = 0; i < 4; i++) {
            NodeId target = NodeId.sha1Of("p" + i);
            estimate.record(target, spaced(target, KeyDistance.XOR, 1000, 0, 20));
        }
        // Four lookups, 20 nodes each, the 20th at 20/1000: (80 - 1) / (4 * 0.02).
        assertThat(estimate.fromLookups()).isCloseTo(987.5, within(1.0));
        assertThat(estimate.lookupsPooled()).isEqualTo(4);
    }

    @Test
    void tooFewNodesSayNothing() {
        NetworkSizeEstimate estimate = new NetworkSizeEstimate(KeyDistance.XOR);
        NodeId target = NodeId.sha1Of("b");
        estimate.record(target, spaced(target, KeyDistance.XOR, 100, 0, 3));
        assertThat(estimate.nodes()).isZero();
    }

    /** {@code crowd} ids right at the target, then {@code honest} nodes at 1/n, 2/n, ... of the space from it. */
    private static List<Contact> spaced(NodeId target, KeyDistance metric, int n, int crowd, int honest) {
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < crowd; i++) {
            out.add(contact(metric == KeyDistance.XOR ? target.xor(NodeId.of(0, 0, i + 1)) : target.plus(NodeId.of(0, 0, i + 1))));
        }
        BigInteger step = BigInteger.ONE.shiftLeft(NodeId.BITS).divide(BigInteger.valueOf(n));
        for (int i = 1; i <= honest; i++) {
            NodeId d = NodeId.fromBigInteger(step.multiply(BigInteger.valueOf(i)));
            out.add(contact(metric == KeyDistance.XOR ? target.xor(d) : target.plus(d)));
        }
        return out;
    }

    private static Contact contact(NodeId id) {
        return new Contact(id, new Address("10.0.0.1", 4000));
    }
}
