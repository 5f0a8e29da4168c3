package io.chordia.core.store;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.util.Bytes;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

/**
 * How {@link RecordKind#PEER_SET} records merge: per signer, the same way on every replica, in
 * repair and hand-off, and in a reader's union of replicas' answers.
 *
 * <p>An incoming entry is refused when it is expired, expires more than {@link #MAX_AHEAD} ahead
 * (an entry pinned for days), carries a sequence number below the held one of its signer (a
 * replay) or equal to it with other content, or does not verify for this record's key (a forgery,
 * or an entry copied from another key; a store carrying one is refused whole). A replica holds at most {@link #MAX_HELD} signers, first
 * come first kept: a signer not yet held is refused while the set is full, and nothing evicts a
 * held entry but its own signer's newer one or its expiry. So many fresh keys cannot push out
 * peers already listed; they can only fill free room, for at most {@code MAX_AHEAD} unless renewed.
 */
public final class PeerSetRules {
    public static final int MAX_HELD = 32;
    public static final Duration MAX_AHEAD = Duration.ofHours(1);
    /** For a node that has no wall clock: it cannot judge expiries, so it refuses peer sets. */
    public static final long NO_WALL_CLOCK = Long.MIN_VALUE;

    /**
     * The outcome of a merge.
     *
     * @param entries what the set holds afterwards, in signer order
     * @param taken   incoming entries now held (new, newer, or the same as held)
     * @param changed whether {@code entries} differ from what was held
     * @param refusal the reason for the last refused entry, or null
     */
    public record Merge(List<PeerSetEntry> entries, int taken, boolean changed, ErrorCode refusal, String reason) {}

    private PeerSetRules() {}

    /**
     * A store: merges {@code incoming} into {@code held} (already verified, as a replica holds them)
     * for the record under {@code key}, keeping at most {@link #MAX_HELD} signers. Verifies only the
     * entries it would take, and refuses the whole store at the first that does not verify: no
     * replica sends one (they pass on verified entries only), so a forgery costs the storing node
     * one failed check per message, not one per entry.
     */
    public static Merge store(List<PeerSetEntry> held, List<PeerSetEntry> incoming, NodeId key, long nowEpochSecond) {
        return merge(held, incoming, key, nowEpochSecond, MAX_HELD, true);
    }

    private static Merge merge(List<PeerSetEntry> held, List<PeerSetEntry> incoming, NodeId key, long nowEpochSecond,
                               int room, boolean forgeryRefusesAll) {
        TreeMap<Bytes, PeerSetEntry> bySigner = new TreeMap<>(PeerSetCodec::compareSigners);
        boolean changed = false;
        for (PeerSetEntry e : held) {
            if (e.expiresEpochSecond() > nowEpochSecond) {
                bySigner.put(e.signer(), e);
            } else {
                changed = true;
            }
        }
        int taken = 0;
        Refusal last = null;
        for (PeerSetEntry e : incoming) {
            PeerSetEntry old = bySigner.get(e.signer());
            Refusal refusal = refusal(e, old, bySigner.size() >= room, nowEpochSecond);
            if (refusal == null && e.equals(old)) {
                taken++;
            } else if (refusal == null && !e.verifies(key)) {
                last = new Refusal(ErrorCode.BAD_SIGNATURE, "an entry of " + e.signerId().shortId()
                        + " does not verify for key " + key.shortId());
                if (forgeryRefusesAll) {
                    return new Merge(held, 0, false, last.code(), last.reason());
                }
            } else if (refusal == null) {
                bySigner.put(e.signer(), e);
                taken++;
                changed = true;
            } else {
                last = refusal;
            }
        }
        return new Merge(List.copyOf(bySigner.values()), taken, changed, last == null ? null : last.code(),
                last == null ? "" : last.reason());
    }

    private record Refusal(ErrorCode code, String reason) {}

    /** Why {@code e} may not replace {@code old} (null when none held), or null when it may, signature aside. */
    private static Refusal refusal(PeerSetEntry e, PeerSetEntry old, boolean full, long now) {
        String who = " (" + e.signerId().shortId() + ")";
        if (now == NO_WALL_CLOCK) {
            return new Refusal(ErrorCode.UNSUPPORTED, "this node has no wall clock to judge expiries by");
        }
        if (e.expiresEpochSecond() <= now) {
            return new Refusal(ErrorCode.STALE, "expired at " + e.expiresEpochSecond() + ", now " + now + who);
        }
        if (e.expiresEpochSecond() - now > MAX_AHEAD.toSeconds()) {
            return new Refusal(ErrorCode.REFUSED, "expires more than " + MAX_AHEAD.toSeconds() + " s ahead" + who);
        }
        if (old == null) {
            return full ? new Refusal(ErrorCode.QUOTA_EXCEEDED, "the set holds its maximum of signers" + who) : null;
        }
        if (e.sequence() < old.sequence()) {
            return new Refusal(ErrorCode.STALE, "sequence " + e.sequence() + " is below the held " + old.sequence() + who);
        }
        if (e.sequence() == old.sequence() && !e.equals(old)) {
            return new Refusal(ErrorCode.CONFLICT, "sequence " + e.sequence() + " is held with other content" + who);
        }
        return null;
    }

    /** The entries of {@code record} a reader may use: well-formed, verified, live and not pinned. */
    public static List<PeerSetEntry> live(DhtRecord record, long nowEpochSecond) {
        if (record.kind() != RecordKind.PEER_SET) {
            return List.of();
        }
        return merge(List.of(), PeerSetCodec.decode(record.value()), record.key(), nowEpochSecond,
                PeerSetCodec.MAX_ENTRIES, false).entries();
    }

    /** A reader's union of two answers for the same key: every usable entry of either, newest per signer. */
    public static DhtRecord union(DhtRecord a, DhtRecord b, long nowEpochSecond) {
        Merge m = merge(live(a, nowEpochSecond), PeerSetCodec.decode(b.value()), a.key(), nowEpochSecond,
                PeerSetCodec.MAX_ENTRIES, false);
        return DhtRecord.peerSet(a.key(), m.entries(), nowEpochSecond);
    }

    /** The record's time to live on a replica: until its last entry expires. */
    static Duration ttlOf(List<PeerSetEntry> entries, long nowEpochSecond) {
        long last = nowEpochSecond;
        for (PeerSetEntry e : entries) {
            last = Math.max(last, e.expiresEpochSecond());
        }
        return Duration.ofSeconds(Math.min(Math.max(1, last - nowEpochSecond), DhtRecord.MAX_TTL.toSeconds()));
    }
}
