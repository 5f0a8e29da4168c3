package io.chordia.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recursive Kademlia lookup messages validate their counters and lists. */
class RecursiveFindNodeTest {
    private static final Contact C = new Contact(NodeId.sha1Of("c"), new Address("10.0.0.1", 4000));

    @Test
    void hopsAndSentAreBoundedAndConsistent() {
        assertThat(new RecursiveFindNode(NodeId.ZERO, 20, 7, C, 1, 1).responseType()).isEqualTo(Ack.class);
        assertThat(new RecursiveFindNode(NodeId.ZERO, 20, 7, C, 255, 65_535).hops()).isEqualTo(255);
        assertThatThrownBy(() -> new RecursiveFindNode(NodeId.ZERO, 20, 7, C, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveFindNode(NodeId.ZERO, 20, 7, C, 256, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveFindNode(NodeId.ZERO, 20, 7, C, 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveFindNode(NodeId.ZERO, 0, 7, C, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveFindNode(NodeId.ZERO, 20, 7, null, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doneCopiesANonEmptyBoundedList() {
        List<Contact> source = new ArrayList<>(List.of(C));
        RecursiveFindNodeDone done = new RecursiveFindNodeDone(7, NodeId.ZERO, 2, 3, source);
        source.clear();
        assertThat(done.closest()).containsExactly(C);
        assertThat(done.responseType()).isEqualTo(Ack.class);
        assertThatThrownBy(() -> new RecursiveFindNodeDone(7, NodeId.ZERO, 2, 3, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveFindNodeDone(7, NodeId.ZERO, 2, 3,
                Collections.nCopies(MessageLimits.MAX_CONTACTS + 1, C))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveFindNodeDone(7, NodeId.ZERO, 4, 3, List.of(C)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
