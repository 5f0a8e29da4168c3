package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.UserFacingException;
import io.chordia.core.net.Address;
import io.chordia.routing.Protocol;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirstContactTest {
    private static final Address OUTSIDE = new Address("203.0.113.5", 61000);

    private static FirstContact.Answer answer(String bootstrap, Address observed, Protocol... spoken) {
        return new FirstContact.Answer(Address.parse(bootstrap), observed, spoken.length == 0 ? Set.of() : Set.of(spoken));
    }

    @Test
    void fewerThanThreeBootstrapNodesMustAllAgree() {
        assertThat(new FirstContact(List.of(answer("192.0.2.1:4000", OUTSIDE))).agreedAddress()).isEqualTo(OUTSIDE);
        assertThat(new FirstContact(List.of(answer("192.0.2.1:4000", OUTSIDE), answer("192.0.2.2:4000", null)))
                .agreedAddress()).as("one of two did not answer").isNull();
        assertThat(new FirstContact(List.of(answer("192.0.2.1:4000", OUTSIDE),
                answer("192.0.2.2:4000", new Address("198.18.0.1", 4000)))).agreedAddress()).isNull();
        FirstContact both = new FirstContact(List.of(answer("192.0.2.1:4000", OUTSIDE), answer("192.0.2.2:4000", OUTSIDE)));
        assertThat(both.agreedAddress()).isEqualTo(OUTSIDE);
        assertThat(both.seeingUsAt(OUTSIDE)).isEqualTo(2);
    }

    @Test
    void fromThreeOnThreeMustAgreeAndOneHostCountsOnce() {
        Address liar = new Address("198.18.0.1", 4000);
        FirstContact five = new FirstContact(List.of(answer("192.0.2.1:4000", OUTSIDE), answer("192.0.2.2:4000", OUTSIDE),
                answer("192.0.2.3:4000", OUTSIDE), answer("192.0.2.4:4000", liar), answer("192.0.2.5:4000", null)));
        assertThat(five.agreedAddress()).isEqualTo(OUTSIDE);
        FirstContact sameHost = new FirstContact(List.of(answer("192.0.2.9:4000", liar), answer("192.0.2.9:4001", liar),
                answer("192.0.2.9:4002", liar)));
        assertThat(sameHost.agreedAddress()).as("one host with three ports is one vote of the one needed").isEqualTo(liar);
        FirstContact mixed = new FirstContact(List.of(answer("192.0.2.9:4000", liar), answer("192.0.2.9:4001", liar),
                answer("192.0.2.1:4000", OUTSIDE)));
        assertThat(mixed.agreedAddress()).as("two hosts disagree").isNull();
    }

    @Test
    void aBootstrapNodeOfTheOtherProtocolIsNamedInOneLine() {
        FirstContact kademlia = new FirstContact(List.of(answer("127.0.0.1:4000", OUTSIDE, Protocol.KADEMLIA)));
        assertThatThrownBy(() -> kademlia.checkProtocol(Protocol.CHORD)).isInstanceOf(UserFacingException.class)
                .hasMessage("the node at 127.0.0.1:4000 speaks kademlia; start with --protocol kademlia");
        kademlia.checkProtocol(Protocol.KADEMLIA);
        new FirstContact(List.of(answer("127.0.0.1:4000", OUTSIDE, Protocol.KADEMLIA),
                answer("127.0.0.1:4001", OUTSIDE, Protocol.CHORD))).checkProtocol(Protocol.CHORD);
        new FirstContact(List.of(answer("127.0.0.1:4000", null))).checkProtocol(Protocol.CHORD); // the join reports silence
    }
}
