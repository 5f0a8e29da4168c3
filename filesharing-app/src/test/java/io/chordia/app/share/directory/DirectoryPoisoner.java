package io.chordia.app.share.directory;

import io.chordia.app.share.ContentId;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.store.PeerSetCodec;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.PeerSetRules;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import io.chordia.routing.replication.GetResult;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A peer with a write token and its own DHT node that tries to take a content's peer directory
 * over: every attack stores through its own {@link ReplicatedStorage}, as a modified client would.
 * Each method returns the puts' futures; the test awaits them in its own world (virtual or real time).
 */
final class DirectoryPoisoner {
    private final ReplicatedStorage storage;
    private final LongSupplier wallMillis;
    private final RecordSigner self;
    private final RandomGenerator random;

    DirectoryPoisoner(ReplicatedStorage storage, LongSupplier wallMillis, RandomGenerator random) {
        this.storage = storage;
        this.wallMillis = wallMillis;
        this.random = random;
        this.self = RecordSigner.generate(random);
    }

    private long now() {
        return wallMillis.getAsLong() / 1000;
    }

    /** (1) A plain list with the highest version over every slot, then a peer set naming only itself. */
    List<CompletableFuture<PutResult>> replaceLists(ContentId content, Address decoy) {
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int slot = 0; slot < DhtPeerDirectory.SLOTS; slot++) {
            NodeId key = DhtPeerDirectory.slotKey(content, slot);
            puts.add(storage.put(DhtRecord.plain(key, Bytes.ofUtf8("nobody has it"), Long.MAX_VALUE, NodeId.ZERO,
                    DhtRecord.MAX_TTL)));
            puts.add(storage.put(DhtRecord.peerSet(key, List.of(entry(self, key, decoy, 1)), now())));
        }
        return puts;
    }

    /** (2) Its own entry with the largest sequence number, and one in {@code victim}'s name. */
    List<CompletableFuture<PutResult>> hugeSequence(ContentId content, Bytes victim, Address decoy) {
        NodeId own = DhtPeerDirectory.slotKey(content, DhtPeerDirectory.slotOf(self.publicKey()));
        NodeId theirs = DhtPeerDirectory.slotKey(content, DhtPeerDirectory.slotOf(victim));
        PeerSetEntry mine = entry(self, theirs, decoy, Long.MAX_VALUE);
        return List.of(storage.put(DhtRecord.peerSet(own, List.of(entry(self, own, decoy, Long.MAX_VALUE)), now())),
                storage.put(DhtRecord.peerSet(theirs, List.of(wearing(victim, mine)), now())));
    }

    /** (3) Entries in each victim's name pointing at {@code decoy}, signed with its own key. */
    List<CompletableFuture<PutResult>> forge(ContentId content, List<Bytes> victims, Address decoy) {
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (Bytes victim : victims) {
            NodeId key = DhtPeerDirectory.slotKey(content, DhtPeerDirectory.slotOf(victim));
            PeerSetEntry signedBySelf = entry(self, key, decoy, Long.MAX_VALUE - 1);
            puts.add(storage.put(DhtRecord.peerSet(key, List.of(wearing(victim, signedBySelf)), now())));
        }
        return puts;
    }

    /** (4) The entries now listed for {@code content}, captured to be replayed later. */
    CompletableFuture<List<PeerSetEntry>> capture(ContentId content) {
        List<CompletableFuture<GetResult>> reads = new ArrayList<>();
        for (int slot = 0; slot < DhtPeerDirectory.SLOTS; slot++) {
            reads.add(storage.get(DhtPeerDirectory.slotKey(content, slot)));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<PeerSetEntry> seen = new ArrayList<>();
            reads.forEach(r -> {
                if (r.join().status() == GetResult.Status.FOUND) {
                    seen.addAll(PeerSetRules.live(r.join().record(), now()));
                }
            });
            return seen;
        });
    }

    /** (4) Stores captured entries again, as they were signed. */
    List<CompletableFuture<PutResult>> replay(ContentId content, List<PeerSetEntry> captured) {
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (PeerSetEntry e : captured) {
            NodeId key = DhtPeerDirectory.slotKey(content, DhtPeerDirectory.slotOf(e.signer()));
            puts.add(storage.put(DhtRecord.peerSet(key, List.of(e), now())));
        }
        return puts;
    }

    /** (5) {@code keys} made-up signers listing {@code decoy}'s host at successive ports, in as few stores as the format allows. */
    List<CompletableFuture<PutResult>> flood(ContentId content, int keys, Address decoy) {
        List<List<PeerSetEntry>> bySlot = new ArrayList<>();
        for (int slot = 0; slot < DhtPeerDirectory.SLOTS; slot++) {
            bySlot.add(new ArrayList<>());
        }
        for (int i = 0; i < keys; i++) {
            RecordSigner sybil = RecordSigner.generate(random);
            int slot = DhtPeerDirectory.slotOf(sybil.publicKey());
            Address at = new Address(decoy.host(), 1 + (decoy.port() - 1 + i) % 0xFFFF);
            bySlot.get(slot).add(entry(sybil, DhtPeerDirectory.slotKey(content, slot), at, Long.MAX_VALUE));
        }
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int slot = 0; slot < DhtPeerDirectory.SLOTS; slot++) {
            List<PeerSetEntry> entries = bySlot.get(slot);
            for (int from = 0; from < entries.size(); from += PeerSetCodec.MAX_ENTRIES) {
                List<PeerSetEntry> chunk = entries.subList(from, Math.min(entries.size(), from + PeerSetCodec.MAX_ENTRIES));
                puts.add(storage.put(DhtRecord.peerSet(DhtPeerDirectory.slotKey(content, slot), chunk, now())));
            }
        }
        return puts;
    }

    private PeerSetEntry entry(RecordSigner signer, NodeId key, Address at, long sequence) {
        long expiry = now() + PeerSetRules.MAX_AHEAD.toSeconds();
        return PeerSetEntry.sign(signer, key, Bytes.wrapOwned(NetUtil.createByteArrayFromIpAddressString(at.host())),
                at.port(), sequence, expiry);
    }

    /** {@code e} with {@code victim}'s public key in place of its signer's. */
    private static PeerSetEntry wearing(Bytes victim, PeerSetEntry e) {
        return new PeerSetEntry(victim, e.ip(), e.port(), e.sequence(), e.expiresEpochSecond(), e.signature());
    }
}
