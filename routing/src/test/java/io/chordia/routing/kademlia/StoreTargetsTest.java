package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.Bep42;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Where an announce goes: BEP 42-valid nodes first, the closest invalid ones only to fill up to k. */
class StoreTargetsTest {
    private final SplittableRandom random = new SplittableRandom(42);

    private Contact valid(int i) {
        byte[] ip = {(byte) 203, 0, 113, (byte) i};
        return new Contact(Bep42.idFor(ip, random), new Address("203.0.113." + i, 6881));
    }

    /** An id chosen freely, which (but for one chance in 2^21) does not match its public IP. */
    private Contact invalid(int i) {
        return new Contact(NodeId.sha1Of("free choice " + i), new Address("198.51.100." + i, 6881));
    }

    @Test
    void validIdsArePreferredOverCloserInvalidOnes() {
        List<Contact> closestFirst = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            closestFirst.add(invalid(i));
        }
        for (int i = 1; i <= 6; i++) {
            closestFirst.add(valid(i));
        }
        List<Contact> chosen = StoreTargets.choose(closestFirst, Function.identity(), 8);
        assertThat(chosen).hasSize(8);
        assertThat(chosen.subList(0, 6)).as("every valid node").isEqualTo(closestFirst.subList(6, 12));
        assertThat(chosen.subList(6, 8)).as("then the closest invalid ones").isEqualTo(closestFirst.subList(0, 2));
    }

    @Test
    void enoughValidIdsLeaveInvalidOnesOut() {
        List<Contact> closestFirst = new ArrayList<>(List.of(invalid(1), invalid(2)));
        for (int i = 1; i <= 10; i++) {
            closestFirst.add(valid(i));
        }
        assertThat(StoreTargets.choose(closestFirst, Function.identity(), 8)).hasSize(8).allMatch(StoreTargets::isValid);
    }

    @Test
    void loopbackAndPrivateAddressesAreExemptAndHostNamesAreNot() {
        NodeId any = NodeId.sha1Of("any");
        assertThat(StoreTargets.isValid(new Contact(any, new Address("127.0.0.1", 1)))).isTrue();
        assertThat(StoreTargets.isValid(new Contact(any, new Address("192.168.1.5", 1)))).isTrue();
        assertThat(StoreTargets.isValid(new Contact(any, new Address("node.example", 1)))).isFalse();
        assertThat(StoreTargets.isValid(invalid(7))).isFalse();
        assertThat(StoreTargets.isValid(valid(7))).isTrue();
    }
}
