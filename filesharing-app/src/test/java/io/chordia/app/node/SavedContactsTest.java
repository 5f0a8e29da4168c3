package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedContactsTest {
    @TempDir
    Path dir;

    private static Contact contact(String text, int port) {
        return new Contact(NodeId.sha1Of(text), new Address("127.0.0.1", port));
    }

    @Test
    void contactsRoundTripInOrder() throws Exception {
        Path file = dir.resolve("contacts.txt");
        List<Contact> contacts = List.of(contact("a", 4001), contact("b", 4002), new Contact(NodeId.sha1Of("c"),
                new Address("2001:db8::7", 4003)));
        SavedContacts.save(file, contacts);
        assertThat(SavedContacts.load(file)).containsExactlyElementsOf(contacts);
    }

    @Test
    void aMissingFileIsNoContactsAndBadLinesAreSkipped() throws Exception {
        assertThat(SavedContacts.load(dir.resolve("none"))).isEmpty();
        Path file = dir.resolve("contacts.txt");
        Contact good = contact("good", 4000);
        Files.writeString(file, "garbage\n" + good.id().toHex() + " " + good.address() + "\nabc 1.2.3.4:5\n"
                + good.id().toHex() + " 127.0.0.1:99999\n");
        assertThat(SavedContacts.load(file)).containsExactly(good);
    }

    @Test
    void atMostMaxAreKept() throws Exception {
        Path file = dir.resolve("contacts.txt");
        List<Contact> many = new java.util.ArrayList<>();
        for (int i = 0; i < SavedContacts.MAX + 10; i++) {
            many.add(contact("n" + i, 1000 + i));
        }
        SavedContacts.save(file, many);
        assertThat(SavedContacts.load(file)).hasSize(SavedContacts.MAX);
    }
}
