package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.transport.codec.ValueSerializers.AddressSerializer;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Serializers of message bodies; the envelope around them is written by {@link KryoWireCodec}. */
final class MessageSerializers {
    /** UTF-8 needs at most 3 bytes per UTF-16 char (a surrogate pair: 4 bytes for 2 chars). */
    static final int MAX_DETAIL_BYTES = 3 * MessageLimits.MAX_DETAIL_CHARS;

    private MessageSerializers() {}

    /** {@link Pong}: the observed address. */
    static final class PongSerializer extends WireSerializer<Pong> {
        private final AddressSerializer addresses;

        PongSerializer(AddressSerializer addresses) {
            this.addresses = addresses;
        }

        @Override
        int sizeOf(Pong pong) {
            return addresses.sizeOf(pong.observedAddress());
        }

        @Override
        public void write(Kryo kryo, Output out, Pong pong) {
            addresses.write(kryo, out, pong.observedAddress());
        }

        @Override
        public Pong read(Kryo kryo, Input in, Class<? extends Pong> type) {
            return new Pong(addresses.read(kryo, in, Address.class));
        }
    }

    /** {@link FindNode}: the 20-byte target, then the count as one byte (1..MAX_CONTACTS). */
    static final class FindNodeSerializer extends WireSerializer<FindNode> {
        private final NodeIdSerializer ids;

        FindNodeSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(FindNode value) {
            return NodeId.BYTES + 1;
        }

        @Override
        public void write(Kryo kryo, Output out, FindNode request) {
            ids.write(kryo, out, request.target());
            WireIO.writeU8(out, request.count());
        }

        @Override
        public FindNode read(Kryo kryo, Input in, Class<? extends FindNode> type) {
            NodeId target = ids.read(kryo, in, NodeId.class);
            return new FindNode(target, WireIO.readU8(in, "count"));
        }
    }

    /** {@link Nodes}: the number of contacts as one byte, then the contacts. */
    static final class NodesSerializer extends WireSerializer<Nodes> {
        private final ChordSerializers.ContactLists lists;

        NodesSerializer(ChordSerializers.ContactLists lists) {
            this.lists = lists;
        }

        @Override
        int sizeOf(Nodes nodes) {
            return lists.sizeOf(nodes.contacts());
        }

        @Override
        public void write(Kryo kryo, Output out, Nodes nodes) {
            lists.write(kryo, out, nodes.contacts());
        }

        @Override
        public Nodes read(Kryo kryo, Input in, Class<? extends Nodes> type) {
            return new Nodes(lists.read(kryo, in, MessageLimits.MAX_CONTACTS, "contacts"));
        }
    }

    /**
     * {@link ErrorReply}: the code's stable wire number as one byte, then the detail as a 2-byte
     * length and strict UTF-8 (at most {@link #MAX_DETAIL_BYTES}).
     */
    static final class ErrorReplySerializer extends WireSerializer<ErrorReply> {
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        @Override
        int sizeOf(ErrorReply reply) {
            return 1 + 2 + utf8Length(reply.detail());
        }

        @Override
        public void write(Kryo kryo, Output out, ErrorReply reply) {
            // A lone surrogate becomes '?': the only text that does not round-trip.
            byte[] detail = reply.detail().getBytes(StandardCharsets.UTF_8);
            WireIO.writeU8(out, reply.code().wireCode());
            WireIO.writeU16(out, detail.length);
            out.writeBytes(detail);
        }

        @Override
        public ErrorReply read(Kryo kryo, Input in, Class<? extends ErrorReply> type) {
            int wireCode = WireIO.readU8(in, "error code");
            ErrorCode code = ErrorCode.fromWire(wireCode);
            if (code == null) {
                throw WireFormatException.malformed("unknown error code " + wireCode);
            }
            int length = WireIO.readU16(in, "detail length");
            if (length > MAX_DETAIL_BYTES) {
                throw WireFormatException.malformed("detail of " + length + " bytes, at most " + MAX_DETAIL_BYTES);
            }
            WireIO.need(in, length, "detail");
            try {
                return new ErrorReply(code, utf8.decode(ByteBuffer.wrap(in.readBytes(length))).toString());
            } catch (CharacterCodingException e) {
                throw WireFormatException.malformed("detail is not UTF-8");
            }
        }

        /** The length of {@code s} in UTF-8, as {@link String#getBytes} encodes it. */
        static int utf8Length(String s) {
            int bytes = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    bytes += 1;
                } else if (c < 0x800) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else if (Character.isSurrogate(c)) {
                    bytes += 1; // replaced by '?'
                } else {
                    bytes += 3;
                }
            }
            return bytes;
        }
    }
}
