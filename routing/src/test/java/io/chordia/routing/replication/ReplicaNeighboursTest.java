package io.chordia.routing.replication;

import static io.chordia.core.testing.TestIds.contact;
import static io.chordia.core.testing.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaNeighboursTest {
    /** A key's nearest nodes in order for N = 3: replicas 1, 2, 3, then 4 and 5 past them. */
    private static final List<Contact> NEAREST = List.of(contact(1), contact(2), contact(3), contact(4), contact(5));

    @Test
    void theWindowIsTheReplicasAndTwoPast() {
        assertThat(ReplicaNeighbours.window(3)).isEqualTo(NEAREST.size());
    }

    @Test
    void aReplicaRecognisesEveryOtherNodeOfTheWindow() {
        for (int other : new int[] {1, 3, 4, 5}) {
            assertThat(ReplicaNeighbours.among(NEAREST, id(2), contact(other).address(), 3)).as("from %s", other).isTrue();
        }
    }

    @Test
    void theNodeJustPastTheReplicasStillCountsItselfOneAndTheNextDoesNot() {
        assertThat(ReplicaNeighbours.among(NEAREST, id(4), contact(1).address(), 3)).isTrue();
        assertThat(ReplicaNeighbours.among(NEAREST, id(5), contact(1).address(), 3)).isFalse();
    }

    @Test
    void anAddressOutsideTheWindowOrAnotherPortOfANeighbourIsNoNeighbour() {
        assertThat(ReplicaNeighbours.among(NEAREST, id(2), contact(9).address(), 3)).isFalse();
        Address otherPort = new Address(contact(1).address().host(), contact(1).address().port() + 1);
        assertThat(ReplicaNeighbours.among(NEAREST, id(2), otherPort, 3)).isFalse();
        assertThat(ReplicaNeighbours.among(NEAREST, id(2), contact(2).address(), 3)).as("its own address").isFalse();
    }

    /**
     * Chord's form: a receiver whose list still names a departed node before the key counts itself
     * a replica one node further, while the sender must still be among the window's nodes.
     */
    @Test
    void theReceiversOwnReachAndTheSendersAreJudgedApart() {
        List<Contact> nearest = List.of(contact(1), contact(2), contact(3), contact(4), contact(5), contact(6));

        assertThat(ReplicaNeighbours.among(nearest, id(6), 6, contact(1).address(), 5)).isTrue();
        assertThat(ReplicaNeighbours.among(nearest, id(6), 5, contact(1).address(), 5)).as("own reach one short").isFalse();
        assertThat(ReplicaNeighbours.among(nearest, id(1), 6, contact(6).address(), 5)).as("sender past the window")
                .isFalse();
    }
}
