package io.chordia.app.share.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.ContentId;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.net.Address;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.PeerSetRules;
import io.chordia.core.store.RecordSigner;
import io.chordia.routing.replication.PutResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Three honest sharers announce a content; a peer with its own DHT node then tries each way of
 * taking the directory over. Finding still returns every honest peer at its current address.
 * (DirectoryPoisoningIT runs the same attacks against a real fetch over loopback sockets.)
 */
class DirectoryPoisoningSimTest {
    private static final Duration TTL = Duration.ofMinutes(30);
    private static final Address DECOY = new Address("10.66.6.6", 666);

    private final DirectorySim dht = new DirectorySim(5, 12);
    private final ContentId content = new ContentId(NodeId.sha1Of("a popular file"));
    private final List<RecordSigner> honestKeys = List.of(dht.key("a"), dht.key("b"), dht.key("c"));
    private final DirectoryPoisoner mallory = new DirectoryPoisoner(dht.storages.get(11), dht::wallMillis,
            dht.sim.streams.stream("mallory"));

    private static Address honest(int i, int port) {
        return new Address("10.1.0." + (i + 1), port);
    }

    private List<PutResult> all(List<CompletableFuture<PutResult>> puts) {
        return puts.stream().map(dht::run).toList();
    }

    @Test
    void theHonestPeersAreStillFoundAfterEveryAttack() {
        for (int i = 0; i < 3; i++) {
            dht.run(dht.directory(i, honestKeys.get(i)).announce(content, honest(i, 6000), TTL));
        }
        List<PeerSetEntry> captured = dht.run(mallory.capture(content));
        for (int i = 0; i < 3; i++) {
            dht.sim.loop.advance(Duration.ofSeconds(5));
            dht.run(dht.directory(i, honestKeys.get(i)).announce(content, honest(i, 7000), TTL));
        }

        List<PutResult> replaced = all(mallory.replaceLists(content, DECOY));
        List<PutResult> huge = all(mallory.hugeSequence(content, honestKeys.get(0).publicKey(), DECOY));
        List<PutResult> forged = all(mallory.forge(content, honestKeys.stream().map(RecordSigner::publicKey).toList(), DECOY));
        List<PutResult> replayed = all(mallory.replay(content, captured));
        List<PutResult> flooded = all(mallory.flood(content, 300, DECOY));
        List<Address> found = dht.run(dht.directory(7, dht.key("fetcher")).findPeers(content));

        assertThat(found).contains(honest(0, 7000), honest(1, 7000), honest(2, 7000))
                .doesNotContain(honest(0, 6000), honest(1, 6000), honest(2, 6000));
        assertThat(captured).hasSize(3);
        assertThat(refusals(replaced)).contains(ErrorCode.CONFLICT);
        assertThat(refusals(huge.subList(1, 2))).containsOnly(ErrorCode.BAD_SIGNATURE);
        assertThat(refusals(forged)).containsOnly(ErrorCode.BAD_SIGNATURE);
        assertThat(refusals(replayed)).containsOnly(ErrorCode.STALE);
        assertThat(flooded).allMatch(p -> p.status() == PutResult.Status.OK, "the flood fills free room");
    }

    @Test
    void aFloodCannotPushListedPeersOutAndTheListStaysBounded() {
        for (int i = 0; i < 3; i++) {
            dht.run(dht.directory(i, honestKeys.get(i)).announce(content, honest(i, 7000), TTL));
        }
        all(mallory.flood(content, 600, DECOY));
        all(mallory.flood(content, 600, DECOY));
        dht.sim.loop.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            dht.run(dht.directory(i, honestKeys.get(i)).announce(content, honest(i, 7000), TTL));
        }

        List<PeerSetEntry> listed = dht.run(mallory.capture(content));

        assertThat(listed).hasSizeLessThanOrEqualTo(DhtPeerDirectory.SLOTS * PeerSetRules.MAX_HELD);
        assertThat(listed.stream().map(PeerSetEntry::signer).toList())
                .containsAll(honestKeys.stream().map(RecordSigner::publicKey).toList());
    }

    private static List<ErrorCode> refusals(List<PutResult> puts) {
        List<ErrorCode> codes = new ArrayList<>();
        for (PutResult p : puts) {
            codes.add(p.status() == PutResult.Status.OK ? null : p.refusal());
        }
        return codes;
    }
}
