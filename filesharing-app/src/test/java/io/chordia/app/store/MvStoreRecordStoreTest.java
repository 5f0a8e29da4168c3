package io.chordia.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.RecordKind;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.util.Bytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreRecordStoreTest {
    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final AtomicLong wall = new AtomicLong(1_800_000_000_000L);

    private MvStoreRecordStore open() {
        return MvStoreRecordStore.open(dir.resolve("records.mv"), nanos::get, wall::get);
    }

    @Test
    void everyAcknowledgedPutSurvivesACrash() {
        MvStoreRecordStore store = open();
        DhtRecord plain = DhtRecord.plain(NodeId.sha1Of("k"), Bytes.ofUtf8("v1"), 1, NodeId.ZERO, Duration.ofHours(1));
        DhtRecord signed = RecordSigner.generate(new SplittableRandom(3)).sign(Bytes.ofUtf8("s"), 9, Bytes.ofUtf8("x"),
                Duration.ofHours(2));
        store.put(new StoredRecord(plain, nanos.get() + Duration.ofHours(1).toNanos()));
        store.put(new StoredRecord(signed, nanos.get() + Duration.ofHours(2).toNanos()));
        store.remove(NodeId.sha1Of("never there"));
        store.crash();

        // The process restarts: a new monotonic origin, ten minutes of wall time later.
        nanos.set(42);
        wall.addAndGet(Duration.ofMinutes(10).toMillis());
        MvStoreRecordStore reopened = open();
        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.get(plain.key()).record()).isEqualTo(plain);
        assertThat(reopened.get(signed.key()).record()).isEqualTo(signed);
        long left = reopened.get(plain.key()).expiresAtNanos() - nanos.get();
        assertThat(Duration.ofNanos(left)).isEqualTo(Duration.ofMinutes(50));
        assertThat(reopened.valueBytes()).isEqualTo(3);
        assertThat(reopened.all()).extracting(r -> r.record().key()).isSorted();
        reopened.close();
    }

    @Test
    void aPeerSetSurvivesARestart() {
        MvStoreRecordStore store = open();
        NodeId key = NodeId.sha1Of("peers");
        PeerSetEntry entry = PeerSetEntry.sign(RecordSigner.generate(new SplittableRandom(4)), key,
                Bytes.wrapOwned(new byte[] {10, 0, 0, 1}), 7000, 3, 1_800_000_600L);
        DhtRecord peers = DhtRecord.peerSet(key, List.of(entry), 1_800_000_000L);
        store.put(new StoredRecord(peers, nanos.get() + peers.ttl().toNanos()));
        store.crash();

        MvStoreRecordStore reopened = open();

        assertThat(reopened.get(key).record()).isEqualTo(peers);
        assertThat(reopened.get(key).record().kind()).isEqualTo(RecordKind.PEER_SET);
        reopened.close();
    }

    @Test
    void removeAndReplaceAreDurableToo() {
        MvStoreRecordStore store = open();
        NodeId key = NodeId.sha1Of("k");
        store.put(new StoredRecord(DhtRecord.plain(key, Bytes.ofUtf8("aaaa"), 1, NodeId.ZERO, Duration.ofHours(1)), 10));
        store.put(new StoredRecord(DhtRecord.plain(key, Bytes.ofUtf8("bb"), 2, NodeId.ZERO, Duration.ofHours(1)), 10));
        store.put(new StoredRecord(DhtRecord.immutable(Bytes.ofUtf8("gone"), Duration.ofHours(1)), 10));
        store.remove(NodeId.sha1Of("gone"));
        assertThat(store.valueBytes()).isEqualTo(2);
        store.crash();
        MvStoreRecordStore reopened = open();
        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.get(key).record().version()).isEqualTo(2);
        assertThat(reopened.get(NodeId.sha1Of("gone"))).isNull();
        reopened.close();
    }
}
