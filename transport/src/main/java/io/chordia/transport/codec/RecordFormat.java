package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;

/**
 * A record in bytes, in the wire format of {@code StoreRecord} (bounded, validated on decode):
 * what a persistent record store keeps, so disk and wire agree. Thread-safe.
 */
public final class RecordFormat {
    private final Kryo kryo = WireRegistry.newKryo();
    private final StorageSerializers.RecordCodec records =
            new StorageSerializers.RecordCodec((ValueSerializers.NodeIdSerializer) kryo.getRegistration(
                    io.chordia.core.id.NodeId.class).getSerializer());

    public synchronized byte[] encode(DhtRecord record) {
        byte[] out = new byte[records.sizeOf(record)];
        Output output = new Output(out);
        records.write(kryo, output, record);
        return out;
    }

    public synchronized DhtRecord decode(byte[] bytes) throws MalformedMessageException {
        Input input = new Input(bytes);
        try {
            DhtRecord r = records.read(kryo, input);
            if (input.position() != bytes.length) {
                throw new MalformedMessageException(DropReason.MALFORMED, (bytes.length - input.position()) + " trailing bytes");
            }
            return r;
        } catch (WireFormatException e) {
            throw new MalformedMessageException(DropReason.MALFORMED, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(DropReason.MALFORMED, "invalid record: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new MalformedMessageException(DropReason.MALFORMED, "undecodable record: " + e);
        }
    }
}
