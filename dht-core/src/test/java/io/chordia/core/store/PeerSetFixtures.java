package io.chordia.core.store;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import java.util.List;
import java.util.SplittableRandom;

/** Signers, a key and entries for the peer-set tests, all from fixed seeds. */
final class PeerSetFixtures {
    static final NodeId KEY = NodeId.sha1Of("a content's peer set");
    static final long NOW = 1_800_000_000L;

    private PeerSetFixtures() {}

    static RecordSigner signer(int seed) {
        return RecordSigner.generate(new SplittableRandom(seed));
    }

    static PeerSetEntry entry(RecordSigner signer, long sequence, long expires) {
        return entry(signer, KEY, sequence, expires);
    }

    static PeerSetEntry entry(RecordSigner signer, NodeId key, long sequence, long expires) {
        return PeerSetEntry.sign(signer, key, Bytes.wrapOwned(new byte[] {(byte) 192, (byte) 168, 0, 7}), 7001, sequence,
                expires);
    }

    static DhtRecord set(PeerSetEntry... entries) {
        return DhtRecord.peerSet(KEY, List.of(entries), NOW);
    }
}
