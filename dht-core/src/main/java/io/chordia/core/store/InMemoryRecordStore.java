package io.chordia.core.store;

import io.chordia.core.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Records in a sorted map: simulations and tests. Node-thread confined. */
public final class InMemoryRecordStore implements RecordStore {
    private final TreeMap<NodeId, StoredRecord> records = new TreeMap<>();
    private long valueBytes;

    @Override
    public StoredRecord get(NodeId key) {
        return records.get(key);
    }

    @Override
    public void put(StoredRecord record) {
        StoredRecord old = records.put(record.record().key(), record);
        valueBytes += record.record().value().length() - (old == null ? 0 : old.record().value().length());
    }

    @Override
    public void remove(NodeId key) {
        StoredRecord old = records.remove(key);
        if (old != null) {
            valueBytes -= old.record().value().length();
        }
    }

    @Override
    public List<StoredRecord> all() {
        return new ArrayList<>(records.values());
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public long valueBytes() {
        return valueBytes;
    }
}
