package io.chordia.core.store;

import io.chordia.core.id.NodeId;
import java.util.List;

/**
 * A node's local records. Implementations: {@link InMemoryRecordStore}, and a persistent one in
 * the daemon. {@link #put} returns once the record is as durable as the store promises (the
 * persistent store: on disk), so an acknowledged store survives a crash.
 */
public interface RecordStore extends AutoCloseable {
    /** The record under {@code key}, or null. */
    StoredRecord get(NodeId key);

    void put(StoredRecord record);

    void remove(NodeId key);

    /** Every record, in key order. */
    List<StoredRecord> all();

    int size();

    /** Bytes of values held, for quotas. */
    long valueBytes();

    @Override
    default void close() {}
}
