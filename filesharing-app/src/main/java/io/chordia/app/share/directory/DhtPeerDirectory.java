package io.chordia.app.share.directory;

import io.chordia.app.share.ContentId;
import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.net.Address;
import io.chordia.core.store.DhtRecord;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A peer directory in the DHT. One DHT key holds one value and the newest version wins, so the
 * peers of a content are spread over {@link #SLOTS} keys, {@code SHA-1("chordia-peers" ‖ content id ‖ slot)};
 * a peer always lands in the slot its address hashes to, and each slot holds a list of at most
 * {@link PeerListCodec#MAX_PEERS} peers with their expiry. Announcing is read-modify-write with
 * compare-and-swap on the record's version (retried a few times when another peer wrote first);
 * expired entries are dropped on every write and ignored on every read.
 *
 * <p>Limits, by design: at most {@code SLOTS × MAX_PEERS} (128) peers are listed per content; a
 * full slot evicts the entry closest to expiry, so a large swarm is a moving sample. Two peers
 * creating the same slot at once can lose one write (there is no version to compare yet), and a
 * CAS that keeps failing gives up: both heal at the next refresh, which the caller runs at a
 * fraction of the TTL. Expiries are wall-clock seconds, so peers' clocks must roughly agree.
 * Only IP-literal addresses are announced.
 */
public final class DhtPeerDirectory implements PeerDirectory {
    public static final int SLOTS = 4;
    private static final int CAS_ATTEMPTS = 4;

    private final ReplicatedStorage storage;
    private final LongSupplier wallMillis;

    /** {@code wallMillis}: the wall clock (epoch milliseconds), injected so simulations can run it. */
    public DhtPeerDirectory(ReplicatedStorage storage, LongSupplier wallMillis) {
        this.storage = storage;
        this.wallMillis = wallMillis;
    }

    static NodeId slotKey(ContentId content, int slot) {
        byte[] prefix = "chordia-peers".getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[prefix.length + 21];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(content.toBytes(), 0, key, prefix.length, 20);
        key[key.length - 1] = (byte) slot;
        return NodeId.sha1Of(key);
    }

    static int slotOf(Address peer) {
        return Math.floorMod(NodeId.sha1Of(peer.toString()).hashCode(), SLOTS);
    }

    @Override
    public CompletableFuture<Void> announce(ContentId content, Address peer, Duration ttl) {
        if (!PeerListCodec.encodable(peer)) {
            return CompletableFuture.failedFuture(new IOException("cannot announce " + peer + ": peers are announced by IP address"));
        }
        return announce(slotKey(content, slotOf(peer)), peer, ttl, CAS_ATTEMPTS);
    }

    private CompletableFuture<Void> announce(NodeId key, Address peer, Duration ttl, int attemptsLeft) {
        return storage.get(key).thenCompose(got -> {
            long now = wallMillis.getAsLong() / 1000;
            DhtRecord old = got.status() == GetResult.Status.FOUND ? got.record() : null;
            List<PeerEntry> peers = new ArrayList<>();
            if (old != null) {
                for (PeerEntry e : PeerListCodec.decodeOrEmpty(old.value())) {
                    if (e.expiresEpochSecond() > now && !e.address().equals(peer)) {
                        peers.add(e);
                    }
                }
            }
            peers.add(new PeerEntry(peer, now + Math.max(1, ttl.toSeconds())));
            peers.sort(Comparator.comparingLong(PeerEntry::expiresEpochSecond).reversed());
            List<PeerEntry> kept = peers.subList(0, Math.min(peers.size(), PeerListCodec.MAX_PEERS));
            long version = old == null ? 1 : old.version() + 1;
            Duration recordTtl = Duration.ofSeconds(Math.max(1, kept.get(0).expiresEpochSecond() - now));
            DhtRecord next = DhtRecord.plain(key, PeerListCodec.encode(kept), version, NodeId.sha1Of(peer.toString()),
                    recordTtl.compareTo(DhtRecord.MAX_TTL) > 0 ? DhtRecord.MAX_TTL : recordTtl);
            return storage.put(next, old == null ? -1 : old.version()).thenCompose(result -> {
                if (result.status() == PutResult.Status.OK) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                boolean lostRace = result.status() == PutResult.Status.REFUSED
                        && (result.refusal() == ErrorCode.CAS_FAILED || result.refusal() == ErrorCode.STALE);
                if (lostRace && attemptsLeft > 1) {
                    return announce(key, peer, ttl, attemptsLeft - 1);
                }
                return CompletableFuture.<Void>failedFuture(new IOException("announcing " + peer + " failed: "
                        + result.status() + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")")));
            });
        });
    }

    @Override
    public CompletableFuture<List<Address>> findPeers(ContentId content) {
        List<CompletableFuture<GetResult>> reads = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            reads.add(storage.get(slotKey(content, slot)).exceptionally(e -> new GetResult(GetResult.Status.FAILED, null,
                    List.of())));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            long now = wallMillis.getAsLong() / 1000;
            Map<Address, Boolean> live = new LinkedHashMap<>();
            for (CompletableFuture<GetResult> r : reads) {
                GetResult got = r.join();
                if (got.status() == GetResult.Status.FOUND) {
                    for (PeerEntry e : PeerListCodec.decodeOrEmpty(got.record().value())) {
                        if (e.expiresEpochSecond() > now) {
                            live.put(e.address(), Boolean.TRUE);
                        }
                    }
                }
            }
            return List.copyOf(live.keySet());
        });
    }
}
