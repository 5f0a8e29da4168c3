package io.chordia.routing.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.PeerSetCodec;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.store.StoredRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.chord.ChordConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Peer sets through replicated storage: every replica merges per signer, reads union, repair converges. */
class PeerSetStorageSimTest {
    private static final LinkConditions WAN = LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60)));
    private static final NodeId KEY = NodeId.sha1Of("peers of some content");

    private final StorageSim sim = new StorageSim(23, WAN, ChordConfig.defaults(),
            StorageConfig.defaults().withRepairInterval(Duration.ofSeconds(5)));
    private final List<RecordSigner> signers = new ArrayList<>();

    private long now() {
        return sim.wallMillis() / 1000;
    }

    private PeerSetEntry entry(int signer, long sequence) {
        while (signers.size() <= signer) {
            signers.add(RecordSigner.generate(sim.streams.stream("signer", signers.size())));
        }
        return PeerSetEntry.sign(signers.get(signer), KEY, Bytes.wrapOwned(new byte[] {10, 0, 0, (byte) signer}),
                7000 + signer, sequence, now() + 600);
    }

    private PutResult put(StorageSim.Peer via, PeerSetEntry e) {
        return sim.await(via.storage().put(DhtRecord.peerSet(KEY, List.of(e), now())), "put");
    }

    private List<PeerSetEntry> held(StorageSim.Peer p) {
        StoredRecord r = p.storage().store().get(KEY);
        return r == null ? List.of() : PeerSetCodec.decode(r.record().value());
    }

    @Test
    void entriesFromManyWritersMergeOnEveryReplicaAndAReadReturnsThemAll() {
        sim.convergedRing(20);
        List<PeerSetEntry> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            PeerSetEntry e = entry(i, 1);
            expected.add(e);
            assertThat(put(sim.randomLive(), e).status()).isEqualTo(PutResult.Status.OK);
        }

        GetResult got = sim.await(sim.randomLive().storage().get(KEY), "get");

        assertThat(PeerSetCodec.decode(got.record().value())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sim.live.values().stream().filter(p -> held(p).size() == expected.size()).count()).isEqualTo(3);
    }

    @Test
    void aReplayedEntryIsRefusedByTheReplicas() {
        sim.convergedRing(20);
        StorageSim.Peer via = sim.randomLive();
        PeerSetEntry old = entry(0, 1);
        put(via, old);
        put(via, entry(0, 2));

        PutResult replay = put(sim.randomLive(), old);

        assertThat(replay.status()).isEqualTo(PutResult.Status.REFUSED);
        assertThat(replay.refusal()).isEqualTo(ErrorCode.STALE);
    }

    @Test
    void aCrashedReplicaIsReplacedByOneHoldingTheMergedSet() {
        sim.convergedRing(20);
        List<PeerSetEntry> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.add(entry(i, 1));
            put(sim.randomLive(), expected.get(i));
        }
        StorageSim.Peer victim = sim.live.values().stream().filter(p -> !held(p).isEmpty()).findFirst().orElseThrow();
        sim.crash(victim);

        sim.loop.advance(Duration.ofMinutes(2));

        assertThat(sim.live.values().stream().filter(p -> held(p).containsAll(expected)).count()).isGreaterThanOrEqualTo(3);
    }
}
