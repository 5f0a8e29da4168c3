package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The leaf set, the subnet grouping and the configuration record. */
class KademliaLeafSetTest {
    private static final NodeId SELF = NodeId.sha1Of("self");

    private static Contact contact(NodeId id, int n) {
        return new Contact(id, new Address("10." + (n >>> 8 & 255) + "." + (n & 255) + ".1", 4000));
    }

    @Test
    void keepsTheClosestToOurIdAndNeverOurselves() {
        LeafSet leaves = new LeafSet(SELF, 8, 2);
        SplittableRandom random = new SplittableRandom(3);
        List<Contact> all = new ArrayList<>();
        for (int n = 0; n < 500; n++) {
            Contact c = contact(NodeId.random(random), n);
            all.add(c);
            leaves.offer(c);
        }
        assertThat(leaves.offer(new Contact(SELF, new Address("10.200.0.1", 4000)))).isFalse();
        assertThat(leaves.contacts()).isEqualTo(IdOrder.closestDistinct(all, SELF, 8));
        assertThat(leaves.closest(3)).isEqualTo(IdOrder.closestDistinct(all, SELF, 3));
        NodeId farthest = leaves.contacts().get(7).id();
        assertThat(leaves.minSharedPrefix()).isEqualTo(SELF.commonPrefixLength(farthest));
        assertThat(leaves.wouldAdmit(farthest)).isFalse();
        assertThat(leaves.wouldAdmit(SELF.xor(NodeId.of(0, 0, 1)))).isTrue();
    }

    @Test
    void whenTheSetCoversAKeyItHoldsExactlyTheKClosestNodes() {
        SplittableRandom random = new SplittableRandom(5);
        int covered = 0;
        for (int round = 0; round < 8; round++) {
            NodeId self = NodeId.random(random);
            LeafSet leaves = new LeafSet(self, 40, 2);
            List<Contact> all = new ArrayList<>();
            all.add(contact(self, 0));
            for (int n = 1; n < 1500; n++) {
                Contact c = contact(NodeId.random(random), n);
                all.add(c);
                leaves.offer(c);
            }
            for (int t = 0; t < 300; t++) {
                // Keys near us, at every distance scale.
                NodeId target = self.xor(NodeId.fromBigInteger(java.math.BigInteger.ONE.shiftLeft(random.nextInt(160))
                        .subtract(java.math.BigInteger.ONE).and(NodeId.random(random).toBigInteger())));
                if (leaves.covers(target, 20)) {
                    covered++;
                    List<Contact> mine = new ArrayList<>(leaves.contacts());
                    mine.add(contact(self, 0));
                    assertThat(IdOrder.closestDistinct(mine, target, 20)).isEqualTo(IdOrder.closestDistinct(all, target, 20));
                }
            }
            assertThat(leaves.covers(self.xor(NodeId.MAX), 20)).isFalse();
        }
        assertThat(covered).as("keys covered").isGreaterThan(300);
        LeafSet small = new LeafSet(SELF, 40, 2);
        for (int n = 0; n < 18; n++) {
            small.offer(contact(NodeId.random(random), n));
        }
        assertThat(small.covers(NodeId.random(random), 20)).as("18 leaves and us are fewer than k").isFalse();
        small.offer(contact(NodeId.random(random), 99));
        assertThat(small.covers(NodeId.random(random), 20)).as("a set that is not full holds all we know").isTrue();
    }

    @Test
    void aLeafLeavesAfterRepeatedFailuresOrWhenItsAddressAnswersAsSomeoneElse() {
        LeafSet leaves = new LeafSet(SELF, 4, 2);
        Contact a = contact(SELF.xor(NodeId.of(0, 0, 5)), 1);
        Contact b = contact(SELF.xor(NodeId.of(0, 0, 9)), 2);
        leaves.offer(a);
        leaves.offer(b);
        assertThat(leaves.failed(a)).isFalse();
        leaves.offer(a); // it answered again: the count starts over
        assertThat(leaves.failed(a)).isFalse();
        assertThat(leaves.failed(a)).isTrue();
        assertThat(leaves.contains(a.id())).isFalse();
        // b's address now answers as another id.
        Contact usurper = new Contact(SELF.xor(NodeId.of(1, 0, 0)), b.address());
        leaves.offer(usurper);
        assertThat(leaves.contains(b.id())).isFalse();
        assertThat(leaves.contacts()).containsExactly(usurper);
        assertThat(leaves.evict(new Contact(usurper.id(), new Address("10.99.0.1", 4000)))).isFalse();
        assertThat(leaves.evict(usurper)).isTrue();
        assertThat(leaves.size()).isZero();
    }

    @Test
    void subnetsGroupIpv4By24AndIpv6By48AndExemptLoopback() {
        assertThat(Subnets.of(new Address("198.51.100.7", 1))).isEqualTo("198.51.100");
        assertThat(Subnets.of(new Address("198.51.100.200", 1))).isEqualTo(Subnets.of(new Address("198.51.100.7", 2)));
        assertThat(Subnets.of(new Address("198.51.101.7", 1))).isNotEqualTo(Subnets.of(new Address("198.51.100.7", 1)));
        assertThat(Subnets.of(new Address("127.0.0.1", 1))).isNull();
        assertThat(Subnets.of(new Address("::1", 1))).isNull();
        assertThat(Subnets.of(new Address("2001:db8:1:2::7", 1))).isEqualTo(Subnets.of(new Address("2001:0db8:0001:ffff::1", 1)));
        assertThat(Subnets.of(new Address("2001:db8:1::7", 1))).isNotEqualTo(Subnets.of(new Address("2001:db8:2::7", 1)));
        assertThat(Subnets.of(new Address("Node.Example.org", 1))).isEqualTo(Subnets.of(new Address("node.example.org", 2)));
        assertThat(Subnets.of(new Address("256.1.1.1", 1))).startsWith("name:");
        assertThat(Subnets.ipv6Groups("1:2:3:4:5:6:7:8")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(Subnets.ipv6Groups("1::8")).containsExactly(1, 0, 0, 0, 0, 0, 0, 8);
        assertThat(Subnets.ipv6Groups("1:::8")).isNull();
        assertThat(Subnets.ipv6Groups("12345::")).isNull();
    }

    @Test
    void configDefaultsFollowThePaperAndValidate() {
        KademliaConfig d = KademliaConfig.defaults();
        assertThat(d.k()).isEqualTo(20);
        assertThat(d.alpha()).isEqualTo(3);
        assertThat(d.bitsPerHop()).isEqualTo(1);
        assertThat(d.disjointPaths()).isEqualTo(1);
        assertThat(d.bucketRefreshInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(d.withK(8).withAlpha(2).withBitsPerHop(4).withDisjointPaths(4).k()).isEqualTo(8);
        assertThat(d.withLookupTimeout(Duration.ofMillis(200)).lookupRpc().timeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(d.withHopAttempts(1).hopRpc().maxAttempts()).isEqualTo(1);
        assertThat(d.withRpc(RpcConfig.defaults().withMaxAttempts(1)).rpc().maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> d.withK(21)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> d.withBitsPerHop(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withK(4).withDisjointPaths(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBucketRefreshInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withContactFreshness(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
