package io.chordia.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.util.Bytes;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordRulesTest {
    private static final Duration TTL = Duration.ofHours(1);
    private final RecordSigner alice = RecordSigner.generate(new SplittableRandom(1));
    private final RecordSigner mallory = RecordSigner.generate(new SplittableRandom(2));
    private final Bytes salt = Bytes.ofUtf8("profile");

    @Test
    void immutableRecordsAreKeyedByTheirContent() {
        DhtRecord r = DhtRecord.immutable(Bytes.ofUtf8("hello"), TTL);
        assertThat(r.key()).isEqualTo(NodeId.sha1Of("hello"));
        assertThatThrownBy(() -> new DhtRecord(NodeId.sha1Of("other"), RecordKind.IMMUTABLE, Bytes.ofUtf8("hello"), 0,
                NodeId.ZERO, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, TTL)).hasMessageContaining("SHA-1 of its value");
        assertThat(RecordRules.decide(r, r.withTtl(Duration.ofHours(2)), -1).accepted()).isTrue();
    }

    @Test
    void signedRecordsVerifyAndAHigherSequenceReplaces() {
        DhtRecord v1 = alice.sign(salt, 1, Bytes.ofUtf8("v1"), TTL);
        DhtRecord v2 = alice.sign(salt, 2, Bytes.ofUtf8("v2"), TTL);
        assertThat(v1.key()).isEqualTo(DhtRecord.signedKey(alice.publicKey(), salt));
        assertThat(RecordRules.verify(v1)).isTrue();
        assertThat(RecordRules.decide(null, v1, -1).changed()).isTrue();
        assertThat(RecordRules.decide(v1, v2, -1).changed()).isTrue();
        assertThat(RecordRules.decide(v2, v2, -1)).satisfies(v -> {
            assertThat(v.accepted()).isTrue();
            assertThat(v.changed()).isFalse();
        });
    }

    @Test
    void aBadSignatureIsRefused() {
        DhtRecord good = alice.sign(salt, 3, Bytes.ofUtf8("mine"), TTL);
        DhtRecord forged = new DhtRecord(good.key(), RecordKind.SIGNED, Bytes.ofUtf8("yours"), 3, NodeId.ZERO,
                good.publicKey(), salt, good.signature(), TTL);
        assertThat(RecordRules.decide(null, forged, -1).refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        // Mallory's own signature over Alice's key is still not Alice's.
        DhtRecord byMallory = mallory.sign(salt, 4, Bytes.ofUtf8("yours"), TTL);
        DhtRecord spliced = new DhtRecord(good.key(), RecordKind.SIGNED, byMallory.value(), 4, NodeId.ZERO,
                alice.publicKey(), salt, byMallory.signature(), TTL);
        assertThat(RecordRules.decide(good, spliced, -1).refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }

    @Test
    void aPublicKeyThatIsNoCurvePointIsABadSignatureNotACrash() {
        Bytes notAPoint = Bytes.wrapOwned(new byte[32]); // y = 0 has no x on Ed25519
        DhtRecord good = alice.sign(salt, 3, Bytes.ofUtf8("mine"), TTL);
        DhtRecord hostile = new DhtRecord(DhtRecord.signedKey(notAPoint, salt), RecordKind.SIGNED, good.value(), 3,
                NodeId.ZERO, notAPoint, salt, good.signature(), TTL);
        assertThat(RecordRules.verify(hostile)).isFalse();
        assertThat(RecordRules.decide(null, hostile, -1).refusal()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }

    @Test
    void aKeyThatDoesNotMatchThePublicKeyAndSaltIsRefused() {
        DhtRecord good = alice.sign(salt, 3, Bytes.ofUtf8("mine"), TTL);
        assertThatThrownBy(() -> new DhtRecord(NodeId.sha1Of("elsewhere"), RecordKind.SIGNED, good.value(), 3,
                NodeId.ZERO, good.publicKey(), salt, good.signature(), TTL)).hasMessageContaining("SHA-1(public key");
    }

    @Test
    void aLowerSequenceIsStaleAndTheSameSequenceWithOtherContentConflicts() {
        DhtRecord v5 = alice.sign(salt, 5, Bytes.ofUtf8("five"), TTL);
        assertThat(RecordRules.decide(v5, alice.sign(salt, 4, Bytes.ofUtf8("four"), TTL), -1).refusal())
                .isEqualTo(ErrorCode.STALE);
        assertThat(RecordRules.decide(v5, alice.sign(salt, 5, Bytes.ofUtf8("FIVE"), TTL), -1).refusal())
                .isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void compareAndSwapNeedsTheExpectedSequence() {
        DhtRecord v5 = alice.sign(salt, 5, Bytes.ofUtf8("five"), TTL);
        DhtRecord v6 = alice.sign(salt, 6, Bytes.ofUtf8("six"), TTL);
        assertThat(RecordRules.decide(v5, v6, 4).refusal()).isEqualTo(ErrorCode.CAS_FAILED);
        assertThat(RecordRules.decide(v5, v6, 5).changed()).isTrue();
        assertThat(RecordRules.decide(null, v6, 5).refusal()).isEqualTo(ErrorCode.CAS_FAILED);
    }

    @Test
    void concurrentPlainWritersResolveTheSameWayEverywhere() {
        NodeId key = NodeId.sha1Of("counter");
        DhtRecord byLow = DhtRecord.plain(key, Bytes.ofUtf8("a"), 7, NodeId.sha1Of("w1"), TTL);
        DhtRecord byHigh = DhtRecord.plain(key, Bytes.ofUtf8("b"), 7, NodeId.sha1Of("w2"), TTL);
        DhtRecord winner = NodeId.sha1Of("w1").compareTo(NodeId.sha1Of("w2")) > 0 ? byLow : byHigh;
        DhtRecord loser = winner == byLow ? byHigh : byLow;
        assertThat(RecordRules.decide(loser, winner, -1).changed()).isTrue();
        assertThat(RecordRules.decide(winner, loser, -1).refusal()).isEqualTo(ErrorCode.STALE);
        assertThat(RecordRules.decide(winner, DhtRecord.plain(key, Bytes.ofUtf8("c"), 8, NodeId.ZERO, TTL), -1).changed()).isTrue();
    }

    @Test
    void sizesAreBounded() {
        assertThatThrownBy(() -> DhtRecord.immutable(Bytes.wrapOwned(new byte[DhtRecord.MAX_VALUE_BYTES + 1]), TTL))
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> alice.sign(Bytes.wrapOwned(new byte[65]), 1, Bytes.EMPTY, TTL)).hasMessageContaining("salt");
        assertThatThrownBy(() -> DhtRecord.immutable(Bytes.EMPTY, Duration.ofDays(8))).hasMessageContaining("ttl");
    }
}
