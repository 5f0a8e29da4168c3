package io.chordia.sim.metrics;

import static io.chordia.core.testing.TestIds.address;
import static io.chordia.core.testing.TestIds.contact;
import static io.chordia.core.testing.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.Neighbors;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiCostModelTest {
    private final LiCostModel model = new LiCostModel();

    private int charged(Message body) {
        return model.encodedLength(new Envelope(7, contact(1), address(2), body));
    }

    @Test
    void aMessageCosts20BytesPlus4PerNodeItCarries() {
        assertThat(charged(new Ping())).isEqualTo(20);
        assertThat(charged(new FindNode(id(9), 20))).as("a target id is not a node carried").isEqualTo(20);
        assertThat(charged(new Nodes(List.of(contact(3), contact(4), contact(5))))).isEqualTo(20 + 3 * 4);
        assertThat(charged(new Neighbors(List.of(contact(3)), List.of(contact(4), contact(5), contact(6)))))
                .isEqualTo(20 + 4 * 4);
        assertThat(model.encode(new Envelope(7, contact(1), address(2), new Nodes(List.of(contact(3)))))).hasSize(24);
    }
}
