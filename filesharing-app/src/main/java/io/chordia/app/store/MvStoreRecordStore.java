package io.chordia.app.store;

import io.chordia.core.id.NodeId;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.RecordStore;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.time.Clock;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.transport.codec.RecordFormat;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Records on disk in an H2 MVStore file. Every {@link #put} and {@link #remove} is committed and
 * synced before it returns, so a record the node acknowledged survives a crash (kill -9, power
 * loss) right after the acknowledgement. Expiry is kept as wall-clock time on disk, since the
 * node's monotonic clock restarts with the process.
 *
 * <p>Layout: map {@code records}: 20-byte key → 8-byte wall expiry (ms) ‖ record in wire format.
 */
public final class MvStoreRecordStore implements RecordStore {
    private static final Logger LOG = LogManager.getLogger();

    private final MVStore mv;
    private final MVMap<byte[], byte[]> records;
    private final RecordFormat format = new RecordFormat();
    private final Clock clock;
    private final LongSupplier wallMillis;
    private long valueBytes;

    private MvStoreRecordStore(MVStore mv, Clock clock, LongSupplier wallMillis) {
        this.mv = mv;
        this.records = mv.openMap("records");
        this.clock = clock;
        this.wallMillis = wallMillis;
        for (StoredRecord r : all()) {
            valueBytes += r.record().value().length();
        }
    }

    /** Opens (or creates) the store at {@code file}. */
    public static MvStoreRecordStore open(Path file, Clock clock, LongSupplier wallMillis) {
        MVStore mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        return new MvStoreRecordStore(mv, clock, wallMillis);
    }

    @Override
    public synchronized StoredRecord get(NodeId key) {
        byte[] raw = records.get(key.toBytes());
        return raw == null ? null : decode(key, raw);
    }

    @Override
    public synchronized void put(StoredRecord record) {
        byte[] key = record.record().key().toBytes();
        byte[] old = records.get(key);
        byte[] encoded = format.encode(record.record());
        long wallExpiry = wallMillis.getAsLong() + (record.expiresAtNanos() - clock.nanoTime()) / 1_000_000;
        records.put(key, ByteBuffer.allocate(8 + encoded.length).putLong(wallExpiry).put(encoded).array());
        durable();
        valueBytes += record.record().value().length();
        if (old != null) {
            StoredRecord previous = decode(record.record().key(), old);
            valueBytes -= previous == null ? 0 : previous.record().value().length();
        }
    }

    @Override
    public synchronized void remove(NodeId key) {
        byte[] old = records.remove(key.toBytes());
        if (old != null) {
            durable();
            StoredRecord previous = decode(key, old);
            valueBytes -= previous == null ? 0 : previous.record().value().length();
        }
    }

    @Override
    public synchronized List<StoredRecord> all() {
        List<StoredRecord> out = new ArrayList<>(records.size());
        // MVMap iterates byte[] keys in unsigned order, which is NodeId order.
        for (Map.Entry<byte[], byte[]> e : records.entrySet()) {
            StoredRecord r = decode(NodeId.fromBytes(e.getKey()), e.getValue());
            if (r != null) {
                out.add(r);
            }
        }
        out.sort((a, b) -> a.record().key().compareTo(b.record().key()));
        return out;
    }

    @Override
    public synchronized int size() {
        return records.size();
    }

    @Override
    public synchronized long valueBytes() {
        return valueBytes;
    }

    /** Commits and forces the file to disk: what makes an acknowledgement durable. */
    private void durable() {
        mv.commit();
        mv.sync();
    }

    private StoredRecord decode(NodeId key, byte[] raw) {
        try {
            ByteBuffer b = ByteBuffer.wrap(raw);
            long wallExpiry = b.getLong();
            byte[] encoded = new byte[raw.length - 8];
            b.get(encoded);
            DhtRecord record = format.decode(encoded);
            long expiresAt = clock.nanoTime() + (wallExpiry - wallMillis.getAsLong()) * 1_000_000;
            return new StoredRecord(record, expiresAt);
        } catch (MalformedMessageException | RuntimeException e) {
            LOG.warn("dropping unreadable record {} from the store: {}", key.shortId(), e.getMessage());
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (!mv.isClosed()) {
            mv.close();
        }
    }

    /** Closes without a final commit, as a crash would: for tests and simulated crashes. */
    public synchronized void crash() {
        mv.closeImmediately();
    }
}
