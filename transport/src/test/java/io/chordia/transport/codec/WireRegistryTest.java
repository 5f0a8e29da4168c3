package io.chordia.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fails when a message type exists without a wire id, a serializer or a golden fixture. */
class WireRegistryTest {
    private static List<Class<?>> concreteMessageTypes() {
        List<Class<?>> out = new ArrayList<>();
        collect(Message.class, out);
        return out;
    }

    private static void collect(Class<?> type, List<Class<?>> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, out);
            }
        } else {
            out.add(type);
        }
    }

    @Test
    void theSealedHierarchyIsWhatWeThinkItIs() {
        assertThat(concreteMessageTypes()).hasSizeGreaterThanOrEqualTo(5).allMatch(Class::isRecord);
    }

    @Test
    void everyConcreteMessageHasAWireIdASerializerAndAGoldenFixture() {
        KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
        for (Class<?> type : concreteMessageTypes()) {
            assertThat(WireRegistry.messageIds()).as("wire id of %s", type.getSimpleName()).containsKey(type.asSubclass(Message.class));
            assertThat(WireFixtures.BODIES).as("fixture of %s", type.getSimpleName()).containsKey(type.asSubclass(Message.class));
            assertThat(WireFixtures.golden(type.asSubclass(Message.class)))
                    .as("golden file %s", WireFixtures.goldenResource(type.asSubclass(Message.class))).isNotNull();
            assertThat(codec.encodedSize(WireFixtures.envelope(type.asSubclass(Message.class)))).isPositive();
        }
        assertThat(WireRegistry.messageIds()).hasSameSizeAs(concreteMessageTypes());
    }

    @Test
    void wireIdsAreDistinctBytesAndStable() {
        assertThat(new HashSet<>(WireRegistry.messageIds().values())).hasSameSizeAs(WireRegistry.messageIds().values());
        assertThat(WireRegistry.messageIds().values()).allMatch(id -> id > 0 && id < 256);
        // Changing any of these breaks every deployed peer: add new ids, never renumber.
        assertThat(WireRegistry.PING).isEqualTo(0x10);
        assertThat(WireRegistry.FIND_NODE).isEqualTo(0x11);
        assertThat(WireRegistry.PONG).isEqualTo(0x20);
        assertThat(WireRegistry.NODES).isEqualTo(0x21);
        assertThat(WireRegistry.ERROR_REPLY).isEqualTo(0x22);
    }
}
