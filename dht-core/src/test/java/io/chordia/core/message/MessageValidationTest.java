package io.chordia.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageValidationTest {
    private static final Contact C = new Contact(NodeId.sha1Of("c"), new Address("10.0.0.1", 4000));

    @Test
    void findNodeCountIsBounded() {
        assertThat(new FindNode(NodeId.ZERO, MessageLimits.MAX_CONTACTS).count()).isEqualTo(MessageLimits.MAX_CONTACTS);
        assertThatThrownBy(() -> new FindNode(NodeId.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindNode(NodeId.ZERO, MessageLimits.MAX_CONTACTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindNode(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodesCopiesAndBoundsItsList() {
        List<Contact> source = new ArrayList<>(List.of(C));
        Nodes nodes = new Nodes(source);
        source.clear();
        assertThat(nodes.contacts()).containsExactly(C);
        assertThatThrownBy(() -> nodes.contacts().add(C)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Nodes(java.util.Collections.nCopies(MessageLimits.MAX_CONTACTS + 1, C)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Nodes(java.util.Arrays.asList(C, null))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void errorDetailIsBoundedAndOfTruncates() {
        String longText = "x".repeat(MessageLimits.MAX_DETAIL_CHARS + 50);
        assertThatThrownBy(() -> new ErrorReply(ErrorCode.INTERNAL, longText)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ErrorReply.of(ErrorCode.INTERNAL, longText).detail()).hasSize(MessageLimits.MAX_DETAIL_CHARS);
    }

    @Test
    void errorCodesHaveDistinctStableWireNumbers() {
        assertThat(ErrorCode.fromWire(1)).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(ErrorCode.fromWire(5)).isEqualTo(ErrorCode.REFUSED);
        assertThat(ErrorCode.fromWire(99)).isNull();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(ErrorCode.fromWire(c.wireCode())).isEqualTo(c);
        }
    }

    @Test
    void requestsNameTheirResponseType() {
        assertThat(new Ping().responseType()).isEqualTo(Pong.class);
        assertThat(new FindNode(NodeId.ZERO, 3).responseType()).isEqualTo(Nodes.class);
        Envelope e = new Envelope(7, C, C.address(), new Ping());
        assertThat(e.isRequest()).isTrue();
        assertThat(new Envelope(7, C, C.address(), new Pong(C.address())).isRequest()).isFalse();
    }
}
