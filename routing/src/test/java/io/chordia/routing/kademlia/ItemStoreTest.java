package io.chordia.routing.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.PutItem;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import io.chordia.routing.kademlia.ItemStore.PutOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ItemStoreTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final String HOST = "198.51.100.1";
    private final RecordSigner signer = RecordSigner.generate(new SplittableRandom(7));
    private final Bytes salt = Bytes.ofUtf8("salt");

    private static Bytes bencoded(String text) {
        return Bytes.ofUtf8(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + ":" + text);
    }

    private static PutItem immutable(String text) {
        return new PutItem(Bytes.EMPTY, bencoded(text), Bytes.EMPTY, Bytes.EMPTY, -1, -1, Bytes.EMPTY);
    }

    private PutItem mutable(long seq, long cas, String text) {
        Bytes v = bencoded(text);
        return new PutItem(Bytes.EMPTY, v, signer.publicKey(), salt, seq, cas, Bep44Items.sign(signer, salt, seq, v));
    }

    private static ItemStore store() {
        return new ItemStore(1_000, 1 << 20, 100, ItemStore.DEFAULT_TTL);
    }

    @Test
    void anImmutableItemLivesAtTheHashOfItsBencodedValue() {
        ItemStore store = store();
        assertThat(store.put(immutable("Hello World!"), HOST, 0)).isEqualTo(PutOutcome.STORED);

        // BEP 44's example: "12:Hello World!" is at e5f96f6f38320f0f33959cb4d3d656452117aadb.
        NodeId target = NodeId.fromHex("e5f96f6f38320f0f33959cb4d3d656452117aadb");
        assertThat(store.get(target, 1).value()).isEqualTo(bencoded("Hello World!"));
        assertThat(store.get(target, 1).isMutable()).isFalse();
    }

    @Test
    void aMutableItemFollowsSeqAndCas() {
        ItemStore store = store();
        NodeId target = Bep44Items.mutableTarget(signer.publicKey(), salt);

        assertThat(store.put(mutable(5, -1, "five"), HOST, 0)).isEqualTo(PutOutcome.STORED);
        assertThat(store.put(mutable(4, -1, "four"), HOST, 0)).isEqualTo(PutOutcome.STALE_SEQ);
        assertThat(store.put(mutable(6, 4, "six"), HOST, 0)).isEqualTo(PutOutcome.CAS_MISMATCH);
        assertThat(store.get(target, 0).seq()).isEqualTo(5);
        assertThat(store.put(mutable(5, -1, "five again"), HOST, 0)).isEqualTo(PutOutcome.STORED);
        assertThat(store.put(mutable(6, 5, "six"), HOST, 0)).isEqualTo(PutOutcome.STORED);

        ItemStore.StoredItem item = store.get(target, 0);
        assertThat(item.seq()).isEqualTo(6);
        assertThat(item.value()).isEqualTo(bencoded("six"));
        assertThat(Bep44Items.verifies(item.publicKey(), salt, item.seq(), item.value(), item.signature())).isTrue();
        assertThat(store.itemCount()).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsRefusedAndNothingIsStored() {
        ItemStore store = store();
        PutItem good = mutable(1, -1, "value");
        PutItem forged = new PutItem(Bytes.EMPTY, bencoded("other"), good.publicKey(), salt, 1, -1, good.signature());
        PutItem otherSeq = new PutItem(Bytes.EMPTY, good.value(), good.publicKey(), salt, 2, -1, good.signature());

        assertThat(store.put(forged, HOST, 0)).isEqualTo(PutOutcome.BAD_SIGNATURE);
        assertThat(store.put(otherSeq, HOST, 0)).isEqualTo(PutOutcome.BAD_SIGNATURE);
        assertThat(store.itemCount()).isZero();
        assertThat(store.bytes()).isZero();
    }

    @Test
    void theHighestSeqIsAcceptedAndNothingLowerAfterIt() {
        ItemStore store = store();
        assertThat(store.put(mutable(Long.MAX_VALUE, -1, "last"), HOST, 0)).isEqualTo(PutOutcome.STORED);
        assertThat(store.put(mutable(0, -1, "first"), HOST, 0)).isEqualTo(PutOutcome.STALE_SEQ);
        assertThat(store.get(Bep44Items.mutableTarget(signer.publicKey(), salt), 0).seq()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void itemsExpireTwoHoursAfterTheirLastPut() {
        ItemStore store = store();
        NodeId target = immutable("x").target();
        store.put(immutable("x"), HOST, 0);
        store.put(immutable("y"), HOST, 60 * MINUTE);
        store.put(immutable("x"), HOST, 90 * MINUTE);

        assertThat(store.get(immutable("y").target(), 180 * MINUTE)).isNull();
        assertThat(store.get(target, 209 * MINUTE)).isNotNull();
        store.expire(210 * MINUTE);
        assertThat(store.itemCount()).isZero();
        assertThat(store.bytes()).isZero();
        assertThat(store.hostCount()).isZero();
    }

    @Test
    void aFloodFromManyHostsStaysWithinTheCountAndByteBoundsAndIsCounted() {
        ItemStore store = new ItemStore(500, 100_000, 5, ItemStore.DEFAULT_TTL);
        int puts = 50_000;
        int stored = 0;
        for (int i = 0; i < puts; i++) {
            String host = "10." + (i % 200) + "." + (i / 200 % 250) + ".1";
            String value = "flood " + i + " " + "x".repeat(i % 900);
            if (store.put(immutable(value), host, i) == PutOutcome.STORED) {
                stored++;
            }
            assertThat(store.bytes()).isLessThanOrEqualTo(100_000);
        }

        assertThat(store.itemCount()).isEqualTo(stored).isLessThanOrEqualTo(500);
        assertThat(store.hostCount()).isLessThanOrEqualTo(store.itemCount());
        assertThat(store.refusedFull() + store.refusedHostQuota()).isEqualTo(puts - stored);
        assertThat(store.refusedFull()).isPositive();
    }

    @Test
    void oneHostCannotTakeMoreThanItsShare() {
        ItemStore store = new ItemStore(100, 1 << 20, 10, ItemStore.DEFAULT_TTL);
        for (int i = 0; i < 1_000; i++) {
            store.put(immutable("mine " + i), HOST, i);
        }

        assertThat(store.itemCount()).isEqualTo(10);
        assertThat(store.refusedHostQuota()).isEqualTo(990);
        assertThat(store.put(immutable("someone else's"), "203.0.113.9", 0)).isEqualTo(PutOutcome.STORED);
        // Re-putting what it holds is still allowed: it refreshes, it does not take more room.
        assertThat(store.put(immutable("mine 3"), HOST, 2_000)).isEqualTo(PutOutcome.STORED);
    }

    /**
     * Random puts of one key's mutable item against a plain model of BEP 44's rules (cas, then seq,
     * then expiry two hours after the last put), with bounds too wide to matter.
     */
    @Test
    void mutablePutsAgreeWithAPlainModelOfBep44sRules() {
        SplittableRandom random = new SplittableRandom(11);
        ItemStore store = store();
        NodeId target = Bep44Items.mutableTarget(signer.publicKey(), salt);
        Map<String, Long> model = new HashMap<>(); // "seq" and "at" of the stored item, absent when none
        long now = 0;
        for (int step = 0; step < 400; step++) {
            now += random.nextLong(40 * MINUTE);
            if (model.containsKey("at") && now - model.get("at") >= ItemStore.DEFAULT_TTL.toNanos()) {
                model.clear();
            }
            long seq = random.nextLong(8);
            long cas = random.nextInt(3) == 0 ? random.nextLong(8) : -1;
            PutOutcome expected;
            if (model.containsKey("seq") && cas >= 0 && cas != model.get("seq")) {
                expected = PutOutcome.CAS_MISMATCH;
            } else if (model.containsKey("seq") && seq < model.get("seq")) {
                expected = PutOutcome.STALE_SEQ;
            } else {
                expected = PutOutcome.STORED;
                model.put("seq", seq);
                model.put("at", now);
            }

            assertThat(store.put(mutable(seq, cas, "v" + step), HOST, now)).as("step %s", step).isEqualTo(expected);
            ItemStore.StoredItem item = store.get(target, now);
            assertThat(item == null ? null : item.seq()).as("step %s", step).isEqualTo(model.get("seq"));
        }
    }
}
