package io.chordia.core.store;

import static io.chordia.core.store.PeerSetFixtures.KEY;
import static io.chordia.core.store.PeerSetFixtures.NOW;
import static io.chordia.core.store.PeerSetFixtures.entry;
import static io.chordia.core.store.PeerSetFixtures.set;
import static io.chordia.core.store.PeerSetFixtures.signer;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.util.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a replica merges peer sets per signer, and what it refuses, through {@link RecordRules#decide}. */
class PeerSetRulesTest {
    private final RecordSigner alice = signer(1);
    private final RecordSigner bob = signer(2);
    private final RecordSigner mallory = signer(3);

    private static RecordRules.Verdict store(DhtRecord held, DhtRecord incoming) {
        return RecordRules.decide(held, incoming, -1, NOW);
    }

    private static List<PeerSetEntry> entries(RecordRules.Verdict v) {
        return PeerSetCodec.decode(v.merged().value());
    }

    @Test
    void entriesMergePerSignerAndAHigherSequenceReplacesOnlyItsOwn() {
        RecordRules.Verdict first = store(null, set(entry(alice, 1, NOW + 600)));
        RecordRules.Verdict second = store(first.merged(), set(entry(bob, 1, NOW + 600)));
        RecordRules.Verdict third = store(second.merged(), set(entry(alice, 2, NOW + 900)));

        assertThat(first.accepted() && second.accepted() && third.accepted()).isTrue();
        assertThat(entries(third)).containsExactlyInAnyOrder(entry(alice, 2, NOW + 900), entry(bob, 1, NOW + 600));
        assertThat(third.merged().ttl()).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void anEntryInAnotherSignersNameIsRefused() {
        PeerSetEntry real = entry(alice, 1, NOW + 600);
        PeerSetEntry byMallory = entry(mallory, 2, NOW + 600);
        PeerSetEntry wearingAlicesKey = new PeerSetEntry(alice.publicKey(), byMallory.ip(), byMallory.port(), 2,
                NOW + 600, byMallory.signature());
        PeerSetEntry movedPort = new PeerSetEntry(alice.publicKey(), real.ip(), 6666, 2, NOW + 600, real.signature());

        for (PeerSetEntry forged : List.of(wearingAlicesKey, movedPort)) {
            RecordRules.Verdict v = store(set(real), set(forged));
            assertThat(v.accepted()).isFalse();
            assertThat(v.refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        }
    }

    @Test
    void aStoreCarryingOneForgeryIsRefusedWholeButAReaderKeepsTheGoodEntries() {
        PeerSetEntry good = entry(alice, 1, NOW + 600);
        PeerSetEntry forged = new PeerSetEntry(bob.publicKey(), good.ip(), good.port(), 2, NOW + 600,
                entry(mallory, 2, NOW + 600).signature());
        DhtRecord mixed = set(good, forged);

        RecordRules.Verdict v = store(set(entry(bob, 1, NOW + 300)), mixed);

        assertThat(v.accepted()).isFalse();
        assertThat(v.refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        assertThat(PeerSetRules.live(mixed, NOW)).containsExactly(good);
    }

    @Test
    void aSignerKeyThatIsNoCurvePointIsRefusedNotThrown() {
        PeerSetEntry real = entry(alice, 1, NOW + 600);
        PeerSetEntry hostile = new PeerSetEntry(Bytes.wrapOwned(new byte[32]), real.ip(), real.port(), 1, NOW + 600,
                real.signature());

        assertThat(store(null, set(hostile)).refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }

    @Test
    void anEntrySignedForAnotherKeyIsRefused() {
        PeerSetEntry forOtherContent = entry(alice, NodeId.sha1Of("another content"), 1, NOW + 600);

        RecordRules.Verdict v = store(null, set(forOtherContent));

        assertThat(v.refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        assertThat(v.reason()).contains("does not verify for key");
    }

    @Test
    void aReplayedOrConflictingSequenceIsRefusedAndTheSameEntryIsARefresh() {
        DhtRecord held = set(entry(alice, 5, NOW + 600));

        assertThat(store(held, set(entry(alice, 4, NOW + 900))).refusal()).isEqualTo(ErrorCode.STALE);
        assertThat(store(held, set(entry(alice, 5, NOW + 900))).refusal()).isEqualTo(ErrorCode.CONFLICT);
        RecordRules.Verdict same = store(held, set(entry(alice, 5, NOW + 600)));
        assertThat(same.accepted()).isTrue();
        assertThat(same.changed()).isFalse();
    }

    @Test
    void anExpiredOrPinnedEntryIsRefused() {
        long tooFar = NOW + PeerSetRules.MAX_AHEAD.toSeconds() + 1;

        assertThat(store(null, set(entry(alice, 1, NOW))).refusal()).isEqualTo(ErrorCode.STALE);
        assertThat(store(null, set(entry(alice, 1, tooFar))).refusal()).isEqualTo(ErrorCode.REFUSED);
        assertThat(store(null, set(entry(alice, 1, tooFar - 1))).accepted()).isTrue();
    }

    @Test
    void expiredHeldEntriesAreDroppedOnTheNextMerge() {
        DhtRecord held = set(entry(alice, 1, NOW + 10), entry(bob, 1, NOW + 600));

        RecordRules.Verdict later = RecordRules.decide(held, set(entry(bob, 2, NOW + 700)), -1, NOW + 10);

        assertThat(entries(later)).containsExactly(entry(bob, 2, NOW + 700));
    }

    @Test
    void aFullSetKeepsItsSignersAgainstAFloodOfNewKeysButTakesTheirUpdates() {
        List<PeerSetEntry> honest = new ArrayList<>();
        for (int i = 0; i < PeerSetRules.MAX_HELD; i++) {
            honest.add(entry(signer(100 + i), 1, NOW + 600));
        }
        DhtRecord full = DhtRecord.peerSet(KEY, honest, NOW);
        List<PeerSetEntry> flood = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            flood.add(entry(signer(1000 + i), Long.MAX_VALUE, NOW + 3600));
        }
        RecordRules.Verdict flooded = store(full, DhtRecord.peerSet(KEY, flood, NOW));
        flood.add(entry(signer(100), 2, NOW + 900));
        RecordRules.Verdict mixed = store(full, DhtRecord.peerSet(KEY, flood, NOW));

        assertThat(flooded.accepted()).isFalse();
        assertThat(flooded.refusal()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(mixed.accepted()).isTrue();
        assertThat(entries(mixed)).hasSize(PeerSetRules.MAX_HELD).contains(entry(signer(100), 2, NOW + 900))
                .containsAll(honest.subList(1, honest.size()));
    }

    @Test
    void aPeerSetReplacesAPlainRecordButNotTheOtherWayRound() {
        DhtRecord plain = DhtRecord.plain(KEY, Bytes.ofUtf8("an old peer list"), Long.MAX_VALUE, NodeId.sha1Of("x"),
                Duration.ofDays(7));
        DhtRecord peers = set(entry(alice, 1, NOW + 600));

        assertThat(store(plain, peers).changed()).isTrue();
        assertThat(store(peers, plain).refusal()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(RecordRules.decide(null, peers, 0, NOW).refusal()).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void aNodeWithoutAWallClockRefusesPeerSets() {
        assertThat(RecordRules.decide(null, set(entry(alice, 1, NOW + 600)), -1).refusal())
                .isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @Test
    void aReaderKeepsTheUnionOfUsableEntriesAndIsNotShadowedByAPlainRecord() {
        PeerSetEntry forged = new PeerSetEntry(bob.publicKey(), Bytes.wrapOwned(new byte[] {6, 6, 6, 6}), 666, 9,
                NOW + 600, entry(mallory, 9, NOW + 600).signature());
        DhtRecord replicaA = set(entry(alice, 2, NOW + 600));
        DhtRecord replicaB = DhtRecord.peerSet(KEY, List.of(entry(alice, 1, NOW + 600), forged), NOW);
        DhtRecord replicaC = DhtRecord.plain(KEY, Bytes.ofUtf8("nobody"), Long.MAX_VALUE, NodeId.sha1Of("m"), Duration.ofDays(1));

        DhtRecord read = null;
        for (DhtRecord answer : List.of(replicaC, replicaB, replicaA)) {
            read = RecordRules.preferred(read, answer, NOW);
        }

        assertThat(read.kind()).isEqualTo(RecordKind.PEER_SET);
        assertThat(PeerSetCodec.decode(read.value())).containsExactly(entry(alice, 2, NOW + 600));
        assertThat(RecordRules.preferred(null, set(entry(alice, 1, NOW)), NOW)).as("only expired entries").isNull();
    }
}
