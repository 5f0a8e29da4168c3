package io.chordia.app.share.directory;

import io.chordia.app.share.ContentId;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.PeerSetRules;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A peer directory in the DHT, in {@link io.chordia.core.store.RecordKind#PEER_SET} records: each
 * peer's entry is signed with its node key and merged per signer by the replicas, so announcing is
 * one store of one's own entry (no read-modify-write, no lost update), and nobody can replace,
 * forge, replay or pin another peer's entry. The peers of a content are spread over {@link #SLOTS}
 * keys, {@code SHA-1("chordia-peer-set" ‖ content id ‖ slot)}; a peer lands in the slot its
 * public key hashes to. Finding reads every slot and keeps the entries that verify again here
 * and have not expired.
 *
 * <p>Limits, by design: a replica keeps {@link PeerSetRules#MAX_HELD} signers per slot, first come
 * first kept, so at most {@code SLOTS × MAX_HELD} (128) peers are listed per content and a flood of
 * made-up keys can fill free room (not evict listed peers) until its entries expire. Expiries are
 * wall-clock seconds, at most {@link PeerSetRules#MAX_AHEAD} ahead, so peers' clocks must roughly
 * agree. Only IP-literal addresses are announced. Plain peer lists of older versions lived under
 * other keys and are ignored.
 */
public final class DhtPeerDirectory implements PeerDirectory {
    public static final int SLOTS = 4;

    private final ReplicatedStorage storage;
    private final Supplier<RecordSigner> signer;
    private final LongSupplier wallMillis;
    /** The last sequence number signed: wall-clock milliseconds, so it keeps growing across restarts. */
    private final AtomicLong lastSequence = new AtomicLong();

    /**
     * @param signer     this node's key ({@code NodeIdentity.signer()}): entries name the node's id
     * @param wallMillis the wall clock (epoch milliseconds), injected so simulations can run it
     */
    public DhtPeerDirectory(ReplicatedStorage storage, RecordSigner signer, LongSupplier wallMillis) {
        this(storage, () -> signer, wallMillis);
    }

    /**
     * A directory whose key is asked for at each announcement, so a node makes its signer (and loads
     * Bouncy Castle, which it keeps off its start) only when it first announces.
     */
    public DhtPeerDirectory(ReplicatedStorage storage, Supplier<RecordSigner> signer, LongSupplier wallMillis) {
        this.storage = storage;
        this.signer = signer;
        this.wallMillis = wallMillis;
    }

    static NodeId slotKey(ContentId content, int slot) {
        byte[] prefix = "chordia-peer-set".getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[prefix.length + 21];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(content.toBytes(), 0, key, prefix.length, 20);
        key[key.length - 1] = (byte) slot;
        return NodeId.sha1Of(key);
    }

    static int slotOf(Bytes signerKey) {
        return Math.floorMod(NodeId.sha1Of(signerKey.toArray()).hashCode(), SLOTS);
    }

    @Override
    public CompletableFuture<Void> announce(ContentId content, Address peer, Duration ttl) {
        return announceReporting(content, peer, ttl).thenCompose(a -> a.accepted()
                ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.<Void>failedFuture(new IOException("announcing " + peer + " failed: " + a.summary())));
    }

    @Override
    public CompletableFuture<Announcement> announceReporting(ContentId content, Address peer, Duration ttl) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(peer.host());
        if (ip == null) {
            return CompletableFuture.failedFuture(new IOException("cannot announce " + peer + ": peers are announced by IP address"));
        }
        long nowMillis = wallMillis.getAsLong();
        long now = Math.floorDiv(nowMillis, 1000);
        long expiry = now + Math.min(Math.max(1, ttl.toSeconds()), PeerSetRules.MAX_AHEAD.toSeconds());
        long sequence = lastSequence.updateAndGet(last -> Math.max(last + 1, nowMillis));
        RecordSigner ours = signer.get();
        NodeId key = slotKey(content, slotOf(ours.publicKey()));
        PeerSetEntry entry = PeerSetEntry.sign(ours, key, Bytes.wrapOwned(ip), peer.port(), sequence, expiry);
        return storage.put(DhtRecord.peerSet(key, List.of(entry), now)).thenApply(result -> new Announcement(
                result.acked().size(), result.wanted(), result.status() == PutResult.Status.OK,
                result.summary() + (result.status() == PutResult.Status.OK || result.detail().isEmpty() ? ""
                        : "; " + result.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.detail())));
    }

    @Override
    public CompletableFuture<List<Address>> findPeers(ContentId content) {
        List<CompletableFuture<GetResult>> reads = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            reads.add(storage.get(slotKey(content, slot)).exceptionally(e -> new GetResult(GetResult.Status.FAILED, null,
                    List.of())));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            long now = Math.floorDiv(wallMillis.getAsLong(), 1000);
            Set<Address> live = new LinkedHashSet<>();
            for (CompletableFuture<GetResult> r : reads) {
                GetResult got = r.join();
                if (got.status() == GetResult.Status.FOUND) {
                    // Verified again here: the storage layer is this node's, but the entries are strangers'.
                    for (PeerSetEntry e : PeerSetRules.live(got.record(), now)) {
                        live.add(new Address(NetUtil.bytesToIpAddress(e.ip().toArray()), e.port()));
                    }
                }
            }
            return List.copyOf(live);
        });
    }
}
