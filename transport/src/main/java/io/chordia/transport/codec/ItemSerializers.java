package io.chordia.transport.codec;

import static io.chordia.transport.codec.StorageSerializers.readBytes;
import static io.chordia.transport.codec.StorageSerializers.writeBytes;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.Item;
import io.chordia.core.message.MessageLimits;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.transport.codec.ChordSerializers.ContactLists;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;

/**
 * Serializers of BEP 44's messages, so they have a Kryo form like every message. Byte fields
 * carry a 1-byte length (the value a 2-byte one), sequence numbers 8 bytes (-1 for none).
 */
final class ItemSerializers {
    private ItemSerializers() {}

    private static int fieldSize(Bytes b) {
        return 1 + b.length();
    }

    private static void writeField(Output out, Bytes b) {
        WireIO.writeU8(out, b.length());
        writeBytes(out, b);
    }

    private static Bytes readField(Input in, int max, String what) {
        return readBytes(in, WireIO.readU8(in, what + " length"), max, what);
    }

    private static Bytes readValue(Input in) {
        return readBytes(in, WireIO.readU16(in, "value length"), Bep44Items.MAX_VALUE_BYTES, "value");
    }

    private static void writeValue(Output out, Bytes value) {
        WireIO.writeU16(out, value.length());
        writeBytes(out, value);
    }

    /** {@link GetItem}: target, seq (8). */
    static final class GetItemSerializer extends WireSerializer<GetItem> {
        private final NodeIdSerializer ids;

        GetItemSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(GetItem v) {
            return NodeId.BYTES + 8;
        }

        @Override
        public void write(Kryo kryo, Output out, GetItem v) {
            ids.write(kryo, out, v.target());
            WireIO.writeLong(out, v.seq());
        }

        @Override
        public GetItem read(Kryo kryo, Input in, Class<? extends GetItem> type) {
            return new GetItem(ids.read(kryo, in, NodeId.class), WireIO.readLong(in, "seq"));
        }
    }

    /** {@link Item}: token, value (2-byte length), key, seq (8), signature, contacts. */
    static final class ItemSerializer extends WireSerializer<Item> {
        private final ContactLists contacts;

        ItemSerializer(ContactLists contacts) {
            this.contacts = contacts;
        }

        @Override
        int sizeOf(Item v) {
            return fieldSize(v.token()) + 2 + v.value().length() + fieldSize(v.publicKey()) + 8
                    + fieldSize(v.signature()) + contacts.sizeOf(v.nodes());
        }

        @Override
        public void write(Kryo kryo, Output out, Item v) {
            writeField(out, v.token());
            writeValue(out, v.value());
            writeField(out, v.publicKey());
            WireIO.writeLong(out, v.seq());
            writeField(out, v.signature());
            contacts.write(kryo, out, v.nodes());
        }

        @Override
        public Item read(Kryo kryo, Input in, Class<? extends Item> type) {
            Bytes token = readField(in, StoreRecord.MAX_TOKEN_BYTES, "token");
            Bytes value = readValue(in);
            Bytes key = readField(in, DhtRecord.PUBLIC_KEY_BYTES, "public key");
            long seq = WireIO.readLong(in, "seq");
            Bytes signature = readField(in, DhtRecord.SIGNATURE_BYTES, "signature");
            return new Item(token, value, key, seq, signature, contacts.read(kryo, in, MessageLimits.MAX_CONTACTS, "contacts"));
        }
    }

    /** {@link PutItem}: token, value (2-byte length), key, salt, seq (8), cas (8), signature. */
    static final class PutItemSerializer extends WireSerializer<PutItem> {
        @Override
        int sizeOf(PutItem v) {
            return fieldSize(v.token()) + 2 + v.value().length() + fieldSize(v.publicKey())
                    + fieldSize(v.salt()) + 8 + 8 + fieldSize(v.signature());
        }

        @Override
        public void write(Kryo kryo, Output out, PutItem v) {
            writeField(out, v.token());
            writeValue(out, v.value());
            writeField(out, v.publicKey());
            writeField(out, v.salt());
            WireIO.writeLong(out, v.seq());
            WireIO.writeLong(out, v.cas());
            writeField(out, v.signature());
        }

        @Override
        public PutItem read(Kryo kryo, Input in, Class<? extends PutItem> type) {
            Bytes token = readField(in, StoreRecord.MAX_TOKEN_BYTES, "token");
            Bytes value = readValue(in);
            Bytes key = readField(in, DhtRecord.PUBLIC_KEY_BYTES, "public key");
            Bytes salt = readField(in, Bep44Items.MAX_SALT_BYTES, "salt");
            long seq = WireIO.readLong(in, "seq");
            long cas = WireIO.readLong(in, "cas");
            return new PutItem(token, value, key, salt, seq, cas, readField(in, DhtRecord.SIGNATURE_BYTES, "signature"));
        }
    }

    /** {@link OversizedPutItem}: the violation's error code (1 byte), the field's size (4). */
    static final class OversizedPutItemSerializer extends WireSerializer<OversizedPutItem> {
        @Override
        int sizeOf(OversizedPutItem v) {
            return 1 + 4;
        }

        @Override
        public void write(Kryo kryo, Output out, OversizedPutItem v) {
            WireIO.writeU8(out, v.violation().wireCode());
            WireIO.writeInt(out, v.bytes());
        }

        @Override
        public OversizedPutItem read(Kryo kryo, Input in, Class<? extends OversizedPutItem> type) {
            int wireCode = WireIO.readU8(in, "violation");
            ErrorCode violation = ErrorCode.fromWire(wireCode);
            if (violation != ErrorCode.VALUE_TOO_BIG && violation != ErrorCode.SALT_TOO_BIG) {
                throw WireFormatException.malformed("violation " + wireCode + " is not a value or salt too big");
            }
            int bytes = WireIO.readInt(in, "size");
            if (bytes < 0) {
                throw WireFormatException.malformed("size " + bytes);
            }
            return new OversizedPutItem(violation, bytes);
        }
    }
}
