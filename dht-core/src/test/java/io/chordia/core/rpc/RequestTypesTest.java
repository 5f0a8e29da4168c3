package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.message.FindNode;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.message.Request;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestTypesTest {
    @Test
    void everyRequestRecordHasItsOwnIndexBelowTheCount() {
        Set<Integer> seen = new HashSet<>();
        for (Class<?> type : Request.class.getPermittedSubclasses()) {
            // Only final records below Request: a non-sealed branch would admit types without an index.
            assertThat(type.isRecord()).as(type.getName()).isTrue();
            int i = RequestTypes.index(type);
            assertThat(i).isBetween(0, RequestTypes.count() - 1);
            assertThat(seen.add(i)).as("index %s of %s is unique", i, type).isTrue();
        }
        assertThat(seen).hasSize(RequestTypes.count());
        assertThat(RequestTypes.index(Ping.class)).isNotEqualTo(RequestTypes.index(FindNode.class));
    }

    @Test
    void aTypeThatIsNotARequestHasNoIndex() {
        assertThatThrownBy(() -> RequestTypes.index(Pong.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
