package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsweredContactsTest {
    private static Contact contact(String name, int port) {
        return new Contact(NodeId.sha1Of(name), new Address("192.0.2.1", port));
    }

    @Test
    void onlyContactsThatAnsweredAtThatAddressPass() {
        AnsweredContacts answered = new AnsweredContacts(8);
        Contact a = contact("a", 4001);
        Contact forged = contact("forged", 4002);
        answered.answered(a);
        assertThat(answered.onlyAnswered(List.of(forged, a))).containsExactly(a);
        assertThat(answered.hasAnswered(new Contact(a.id(), new Address("192.0.2.1", 9999))))
                .as("the same id elsewhere did not answer").isFalse();
    }

    @Test
    void theLeastRecentlyAnsweredIsForgottenPastTheCapacity() {
        AnsweredContacts answered = new AnsweredContacts(2);
        Contact a = contact("a", 1);
        Contact b = contact("b", 2);
        Contact c = contact("c", 3);
        answered.answered(a);
        answered.answered(b);
        answered.answered(a); // a answered again: b is now the oldest
        answered.answered(c);
        assertThat(answered.onlyAnswered(List.of(a, b, c))).containsExactly(a, c);
    }
}
