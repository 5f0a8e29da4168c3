package io.chordia.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec's verdict, and its drop reason, on hand-made hostile inputs. */
class KryoWireCodecTest {
    /** Where the body starts in every fixture: header, txId, sender id and IPv4 address. */
    private static final int BODY = 4 + 8 + 20 + 7;

    private final KryoWireCodec codec = new KryoWireCodec(1232);

    private static byte[] golden(Class<? extends Message> type) {
        return WireFixtures.golden(type);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] prefixWithType(int typeId) {
        byte[] p = Arrays.copyOf(golden(Ping.class), BODY);
        p[3] = (byte) typeId;
        return p;
    }

    private DropReason verdict(byte[] input) {
        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> codec.decode(input, 0, input.length, WireFixtures.RECIPIENT));
        assertThat(e).as("rejects %s", HexFormat.of().formatHex(input)).isNotNull();
        return e.reason();
    }

    @Test
    void aForeignMagicOrVersionIsABadHeader() {
        byte[] magic = golden(Ping.class);
        magic[0] = 'G';
        byte[] version = golden(Ping.class);
        version[2] = 2;

        assertThat(verdict(magic)).isEqualTo(DropReason.BAD_HEADER);
        assertThat(verdict(version)).isEqualTo(DropReason.BAD_HEADER);
    }

    @Test
    void anUnknownMessageTypeIsMalformed() {
        byte[] input = golden(Ping.class);
        input[3] = 0x7F;

        assertThat(verdict(input)).isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void everyTruncationOfEveryMessageIsMalformed() {
        for (Class<? extends Message> type : WireRegistry.messageIds().keySet()) {
            byte[] full = golden(type);
            for (int length = 0; length < full.length; length++) {
                assertThat(verdict(Arrays.copyOf(full, length))).as("%s cut to %s", type.getSimpleName(), length)
                        .isEqualTo(DropReason.MALFORMED);
            }
        }
    }

    @Test
    void bytesAfterTheMessageAreMalformed() {
        assertThat(verdict(concat(golden(Pong.class), new byte[] {0}))).isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void inputLargerThanTheMaximumIsOversizeWhateverItHolds() {
        KryoWireCodec small = new KryoWireCodec(100);
        byte[] nodes = golden(Nodes.class);

        MalformedMessageException e = catchThrowableOfType(MalformedMessageException.class,
                () -> small.decode(nodes, 0, nodes.length, WireFixtures.RECIPIENT));
        assertThat(e.reason()).isEqualTo(DropReason.OVERSIZE);
        assertThat(verdict(new byte[1233])).isEqualTo(DropReason.OVERSIZE);
    }

    @Test
    void contactCountsBeyondTheLimitOrTheBytesPresentAreMalformed() {
        byte[] tooMany = concat(prefixWithType(WireRegistry.NODES), new byte[] {(byte) (MessageLimits.MAX_CONTACTS + 1)});
        byte[] claims64 = concat(prefixWithType(WireRegistry.NODES),
                concat(new byte[] {64}, Arrays.copyOfRange(golden(Nodes.class), BODY + 1, BODY + 1 + 27)));

        assertThat(verdict(tooMany)).isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(tooMany, new byte[1000]))).isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(claims64)).isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void hostLengthsOutsideOneTo253AreMalformed() {
        for (int length : new int[] {0, 254, 255}) {
            byte[] body = new byte[2 + length + 2];
            body[0] = ValueSerializers.ADDRESS_TEXT;
            body[1] = (byte) length;
            Arrays.fill(body, 2, 2 + length, (byte) 'a');
            body[body.length - 1] = 1;
            assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), body))).as("length %s", length)
                    .isEqualTo(DropReason.MALFORMED);
        }
    }

    @Test
    void illegalAddressesAreMalformed() {
        assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), hex("04 7f000001 0000")))).as("port 0")
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), hex("01 03 61e962 0fa0")))).as("non-ASCII host")
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), hex("01 03 612f62 0fa0")))).as("'/' in host")
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), hex("01 07 312e322e332e34 0fa0"))))
                .as("IPv4 literal as text").isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), hex("01 0b 323030313a6462383a3a31 0fa0"))))
                .as("canonical IPv6 literal as text").isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), hex("06 00000000000000000000ffff7f000001 0fa0"))))
                .as("IPv4-mapped as IPv6").isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.PONG), hex("07 7f000001 0fa0")))).as("unknown kind")
                .isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void rangeComparisonsTooDeepUnalignedOrListingTooMuchAreMalformed() {
        byte[] digest = new byte[16];
        byte[] prefix = new byte[NodeId.BYTES];
        // Deeper than 156 bits: a range that small is listed, never split again.
        assertThat(verdict(concat(prefixWithType(WireRegistry.COMPARE_RANGE), concat(prefix, concat(new byte[] {(byte) 157}, digest)))))
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.COMPARE_RANGE), concat(prefix, concat(new byte[] {(byte) 255}, digest)))))
                .isEqualTo(DropReason.MALFORMED);
        // A prefix with bits set past its length names no range.
        prefix[19] = 1;
        assertThat(verdict(concat(prefixWithType(WireRegistry.COMPARE_RANGE), concat(prefix, concat(new byte[] {8}, digest)))))
                .isEqualTo(DropReason.MALFORMED);
        // More entries than one reply may list, with or without the bytes behind the count.
        byte[] seventeen = concat(prefixWithType(WireRegistry.RANGE_DIGESTS), new byte[] {2, 17});
        assertThat(verdict(seventeen)).isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(seventeen, new byte[17 * 36]))).isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.RANGE_DIGESTS), new byte[] {3}))).as("unknown form")
                .isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void findNodeCountsOutsideOneToTheLimitAreMalformed() {
        byte[] target = new byte[NodeId.BYTES];
        assertThat(verdict(concat(prefixWithType(WireRegistry.FIND_NODE), concat(target, new byte[] {0}))))
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.FIND_NODE), concat(target, new byte[] {65}))))
                .isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void errorRepliesWithBadCodesLengthsOrUtf8AreMalformed() {
        assertThat(verdict(concat(prefixWithType(WireRegistry.ERROR_REPLY), hex("00 0000")))).as("code 0")
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.ERROR_REPLY), hex("63 0000")))).as("code 99")
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.ERROR_REPLY), hex("01 ffff")))).as("65535-byte detail")
                .isEqualTo(DropReason.MALFORMED);
        assertThat(verdict(concat(prefixWithType(WireRegistry.ERROR_REPLY), hex("01 0002 c328")))).as("bad UTF-8")
                .isEqualTo(DropReason.MALFORMED);
        byte[] tooManyChars = new byte[3 + 201];
        tooManyChars[0] = 1;
        tooManyChars[2] = (byte) 201;
        Arrays.fill(tooManyChars, 3, tooManyChars.length, (byte) 'x');
        assertThat(verdict(concat(prefixWithType(WireRegistry.ERROR_REPLY), tooManyChars))).as("201 chars")
                .isEqualTo(DropReason.MALFORMED);
    }

    @Test
    void hostileLengthsAllocateNothingLikeWhatTheyClaim() {
        List<byte[]> hostile = List.of(
                concat(prefixWithType(WireRegistry.ERROR_REPLY), hex("01 ffff")),
                concat(prefixWithType(WireRegistry.NODES), new byte[] {(byte) 0xFF}),
                concat(prefixWithType(WireRegistry.NODES), new byte[] {64}),
                concat(prefixWithType(WireRegistry.PONG), hex("01 ff")));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (byte[] input : hostile) {
            for (int i = 0; i < 1000; i++) { // warm up, so the JIT's own allocations do not count
                verdict(input);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) {
                try {
                    codec.decode(input, 0, input.length, WireFixtures.RECIPIENT);
                } catch (MalformedMessageException expected) {
                    // measured, not asserted: verdict() covers the reason
                }
            }
            long perDecode = (threads.getCurrentThreadAllocatedBytes() - before) / 100;
            assertThat(perDecode).as("bytes allocated decoding %s", HexFormat.of().formatHex(input)).isLessThan(2048);
        }
    }

    @Test
    void anEnvelopeTooLargeToSendIsRefusedBeforeAnyAllocation() {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < MessageLimits.MAX_CONTACTS; i++) {
            contacts.add(new Contact(NodeId.ZERO, new Address("h".repeat(200), 1 + i)));
        }
        Envelope huge = new Envelope(1, WireFixtures.SENDER, WireFixtures.RECIPIENT, new Nodes(contacts));
        ByteBufAllocator allocator = new AbstractByteBufAllocator() {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                throw new AssertionError("allocated " + initialCapacity + " bytes for an oversize envelope");
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                throw new AssertionError("allocated " + initialCapacity + " bytes for an oversize envelope");
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };

        assertThat(codec.encodedSize(huge)).isGreaterThan(1232);
        assertThatThrownBy(() -> codec.encode(huge)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1232");
        assertThatThrownBy(() -> codec.encode(huge, allocator)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canonicalIpv6LiteralsTravelAs16BytesOtherSpellingsAsText() throws Exception {
        Envelope canonical = new Envelope(5, WireFixtures.SENDER, WireFixtures.RECIPIENT,
                new Pong(new Address("2001:db8:85a3:1234:5678:8a2e:370:7334", 80)));
        Envelope spelledOut = new Envelope(5, WireFixtures.SENDER, WireFixtures.RECIPIENT,
                new Pong(new Address("2001:0db8:0:0:0:0:0:1", 80)));

        byte[] binary = codec.encode(canonical);
        byte[] text = codec.encode(spelledOut);

        assertThat(Arrays.copyOfRange(binary, BODY, binary.length)).isEqualTo(hex("06 20010db885a3123456788a2e03707334 0050"));
        assertThat(text[BODY]).isEqualTo((byte) ValueSerializers.ADDRESS_TEXT);
        assertThat(codec.decode(binary, 0, binary.length, WireFixtures.RECIPIENT)).isEqualTo(canonical);
        assertThat(codec.decode(text, 0, text.length, WireFixtures.RECIPIENT)).isEqualTo(spelledOut);
    }

    @Test
    void aKademliaReplyOfTwentyFullLengthIpv6ContactsFitsTheDefaultDatagram() {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            contacts.add(new Contact(NodeId.MAX, new Address("2001:db8:ffff:ffff:ffff:ffff:ffff:" + (1000 + i), 65535)));
        }

        // As text these 38-character hosts would need 20 x 63 bytes and overflow 1232.
        assertThat(codec.encodedSize(new Envelope(1, WireFixtures.SENDER, WireFixtures.RECIPIENT, new Nodes(contacts))))
                .isEqualTo(KryoWireCodec.HEADER_BYTES + 8 + 27 + 1 + 20 * (20 + 1 + 16 + 2));
    }

    @Test
    void theFirstOfTwoEncodingsOfAnAddressIsTheOnlyOneAccepted() throws Exception {
        Envelope pong = new Envelope(5, WireFixtures.SENDER, WireFixtures.RECIPIENT, new Pong(new Address("10.0.0.1", 80)));
        byte[] bytes = codec.encode(pong);

        assertThat(Arrays.copyOfRange(bytes, BODY, bytes.length)).isEqualTo(hex("04 0a000001 0050"));
        assertThat(codec.decode(bytes, 0, bytes.length, WireFixtures.RECIPIENT)).isEqualTo(pong);
    }

    @Test
    void decodesAWindowOfALargerArray() throws Exception {
        byte[] findNode = golden(FindNode.class);
        byte[] padded = concat(concat(new byte[] {1, 2, 3}, findNode), new byte[] {9, 9});

        Envelope decoded = codec.decode(padded, 3, findNode.length, WireFixtures.RECIPIENT);

        assertThat(decoded.body()).isEqualTo(WireFixtures.BODIES.get(FindNode.class));
        assertThat(decoded.txId()).isEqualTo(WireFixtures.TX_ID);
    }

    @Test
    void sizesAndEncodesRightWhileItsAddressCacheGrows() throws MalformedMessageException {
        // Far more hosts than the cache starts with, each seen twice, with text hosts among them.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 40_000; i++) {
                String host = i % 7 == 0 ? "node" + i + ".example" : "10." + (i >>> 16) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF);
                Envelope pong = new Envelope(i, WireFixtures.SENDER, WireFixtures.RECIPIENT, new Pong(new Address(host, 80)));
                byte[] encoded = codec.encode(pong);
                assertThat(codec.encodedLength(pong)).isEqualTo(encoded.length);
                assertThat(encoded.length).isEqualTo(BODY + 1 + (i % 7 == 0 ? 1 + host.length() : 4) + 2);
                assertThat(codec.decode(encoded, 0, encoded.length, WireFixtures.RECIPIENT)).isEqualTo(pong);
            }
        }
    }
}
