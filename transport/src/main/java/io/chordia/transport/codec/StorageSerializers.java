package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.CheckRecord;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.RecordCheck;
import io.chordia.core.message.RecordReply;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.RecordKind;
import io.chordia.core.util.Bytes;
import io.chordia.transport.codec.ValueSerializers.NodeIdSerializer;
import java.time.Duration;
import java.util.List;

/**
 * Serializers of the storage messages. A record is: key (20), kind (1), version (8), writer (20),
 * TTL in seconds (4), then value (4-byte length), public key, salt and signature (1-byte lengths),
 * every length checked against its bound and the bytes present before anything is allocated. A
 * peer set's value (kind 4) is parsed by the {@code DhtRecord} constructor, so a malformed one is
 * dropped as an invalid field; its entries' signatures are checked by the storing node.
 */
final class StorageSerializers {
    private StorageSerializers() {}

    static final class RecordCodec {
        private final NodeIdSerializer ids;

        RecordCodec(NodeIdSerializer ids) {
            this.ids = ids;
        }

        int sizeOf(DhtRecord r) {
            return NodeId.BYTES + 1 + 8 + NodeId.BYTES + 4 + 4 + r.value().length() + 1 + r.publicKey().length() + 1
                    + r.salt().length() + 1 + r.signature().length();
        }

        void write(Kryo kryo, Output out, DhtRecord r) {
            ids.write(kryo, out, r.key());
            WireIO.writeU8(out, r.kind().wireCode());
            WireIO.writeLong(out, r.version());
            ids.write(kryo, out, r.writer());
            WireIO.writeInt(out, (int) r.ttl().toSeconds());
            WireIO.writeInt(out, r.value().length());
            writeBytes(out, r.value());
            WireIO.writeU8(out, r.publicKey().length());
            writeBytes(out, r.publicKey());
            WireIO.writeU8(out, r.salt().length());
            writeBytes(out, r.salt());
            WireIO.writeU8(out, r.signature().length());
            writeBytes(out, r.signature());
        }

        DhtRecord read(Kryo kryo, Input in) {
            NodeId key = ids.read(kryo, in, NodeId.class);
            int kindCode = WireIO.readU8(in, "record kind");
            RecordKind kind = RecordKind.fromWire(kindCode);
            if (kind == null) {
                throw WireFormatException.malformed("unknown record kind " + kindCode);
            }
            long version = WireIO.readLong(in, "version");
            NodeId writer = ids.read(kryo, in, NodeId.class);
            int ttlSeconds = WireIO.readInt(in, "ttl");
            if (ttlSeconds <= 0 || ttlSeconds > DhtRecord.MAX_TTL.toSeconds()) {
                throw WireFormatException.malformed("ttl of " + ttlSeconds + " s");
            }
            Bytes value = readBytes(in, WireIO.readInt(in, "value length"), DhtRecord.MAX_VALUE_BYTES, "value");
            Bytes publicKey = readBytes(in, WireIO.readU8(in, "public key length"), DhtRecord.PUBLIC_KEY_BYTES, "public key");
            Bytes salt = readBytes(in, WireIO.readU8(in, "salt length"), DhtRecord.MAX_SALT_BYTES, "salt");
            Bytes signature = readBytes(in, WireIO.readU8(in, "signature length"), DhtRecord.SIGNATURE_BYTES, "signature");
            return new DhtRecord(key, kind, value, version, writer, publicKey, salt, signature, Duration.ofSeconds(ttlSeconds));
        }
    }

    static void writeBytes(Output out, Bytes bytes) {
        try {
            bytes.writeTo(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing to a buffer cannot fail", e);
        }
    }

    static Bytes readBytes(Input in, int length, int max, String what) {
        if (length < 0 || length > max) {
            throw WireFormatException.malformed(what + " of " + length + " bytes, at most " + max);
        }
        WireIO.need(in, length, what);
        return Bytes.wrapOwned(in.readBytes(length));
    }

    /** {@link StoreRecord}: record, expected version (8, -1 for none), token (1-byte length). */
    static final class StoreRecordSerializer extends WireSerializer<StoreRecord> {
        private final RecordCodec records;

        StoreRecordSerializer(RecordCodec records) {
            this.records = records;
        }

        @Override
        int sizeOf(StoreRecord v) {
            return records.sizeOf(v.record()) + 8 + 1 + v.token().length();
        }

        @Override
        public void write(Kryo kryo, Output out, StoreRecord v) {
            records.write(kryo, out, v.record());
            WireIO.writeLong(out, v.expectedVersion());
            WireIO.writeU8(out, v.token().length());
            writeBytes(out, v.token());
        }

        @Override
        public StoreRecord read(Kryo kryo, Input in, Class<? extends StoreRecord> type) {
            DhtRecord record = records.read(kryo, in);
            long expected = WireIO.readLong(in, "expected version");
            return new StoreRecord(record, expected,
                    readBytes(in, WireIO.readU8(in, "token length"), StoreRecord.MAX_TOKEN_BYTES, "token"));
        }
    }

    /** {@link FetchRecord}: the key. */
    static final class FetchRecordSerializer extends WireSerializer<FetchRecord> {
        private final NodeIdSerializer ids;

        FetchRecordSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(FetchRecord v) {
            return NodeId.BYTES;
        }

        @Override
        public void write(Kryo kryo, Output out, FetchRecord v) {
            ids.write(kryo, out, v.key());
        }

        @Override
        public FetchRecord read(Kryo kryo, Input in, Class<? extends FetchRecord> type) {
            return new FetchRecord(ids.read(kryo, in, NodeId.class));
        }
    }

    /** {@link RecordReply}: presence (1), the record if present, token (1-byte length). */
    static final class RecordReplySerializer extends WireSerializer<RecordReply> {
        private final RecordCodec records;

        RecordReplySerializer(RecordCodec records) {
            this.records = records;
        }

        @Override
        int sizeOf(RecordReply v) {
            return 1 + (v.records().isEmpty() ? 0 : records.sizeOf(v.records().get(0))) + 1 + v.token().length();
        }

        @Override
        public void write(Kryo kryo, Output out, RecordReply v) {
            WireIO.writeU8(out, v.records().size());
            for (DhtRecord r : v.records()) {
                records.write(kryo, out, r);
            }
            WireIO.writeU8(out, v.token().length());
            writeBytes(out, v.token());
        }

        @Override
        public RecordReply read(Kryo kryo, Input in, Class<? extends RecordReply> type) {
            int count = WireIO.readU8(in, "record count");
            if (count > 1) {
                throw WireFormatException.malformed(count + " records, at most 1");
            }
            List<DhtRecord> found = count == 0 ? List.of() : List.of(records.read(kryo, in));
            return new RecordReply(found, readBytes(in, WireIO.readU8(in, "token length"), StoreRecord.MAX_TOKEN_BYTES, "token"));
        }
    }

    /** {@link CheckRecord}: key, version (8), writer, digest (20). */
    static final class CheckRecordSerializer extends WireSerializer<CheckRecord> {
        private final NodeIdSerializer ids;

        CheckRecordSerializer(NodeIdSerializer ids) {
            this.ids = ids;
        }

        @Override
        int sizeOf(CheckRecord v) {
            return NodeId.BYTES + 8 + NodeId.BYTES + CheckRecord.DIGEST_BYTES;
        }

        @Override
        public void write(Kryo kryo, Output out, CheckRecord v) {
            ids.write(kryo, out, v.key());
            WireIO.writeLong(out, v.version());
            ids.write(kryo, out, v.writer());
            writeBytes(out, v.digest());
        }

        @Override
        public CheckRecord read(Kryo kryo, Input in, Class<? extends CheckRecord> type) {
            NodeId key = ids.read(kryo, in, NodeId.class);
            long version = WireIO.readLong(in, "version");
            NodeId writer = ids.read(kryo, in, NodeId.class);
            return new CheckRecord(key, version, writer,
                    readBytes(in, CheckRecord.DIGEST_BYTES, CheckRecord.DIGEST_BYTES, "digest"));
        }
    }

    /** {@link RecordCheck}: needed (1: 0 or 1), token (1-byte length). */
    static final class RecordCheckSerializer extends WireSerializer<RecordCheck> {
        @Override
        int sizeOf(RecordCheck v) {
            return 1 + 1 + v.token().length();
        }

        @Override
        public void write(Kryo kryo, Output out, RecordCheck v) {
            WireIO.writeU8(out, v.needed() ? 1 : 0);
            WireIO.writeU8(out, v.token().length());
            writeBytes(out, v.token());
        }

        @Override
        public RecordCheck read(Kryo kryo, Input in, Class<? extends RecordCheck> type) {
            int needed = WireIO.readU8(in, "needed");
            if (needed > 1) {
                throw WireFormatException.malformed("needed flag " + needed + ", expected 0 or 1");
            }
            return new RecordCheck(needed == 1, readBytes(in, WireIO.readU8(in, "token length"), StoreRecord.MAX_TOKEN_BYTES, "token"));
        }
    }
}
