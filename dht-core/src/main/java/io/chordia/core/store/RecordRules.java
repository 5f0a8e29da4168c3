package io.chordia.core.store;

import io.chordia.core.message.ErrorCode;
import java.util.List;

/**
 * Whether an incoming record may replace the stored one: the same rules on every replica, so
 * concurrent writers converge to the same winner everywhere.
 */
public final class RecordRules {
    /**
     * The verdict on one store.
     *
     * @param merged for a peer set, the merged record to hold; null for other kinds (hold the incoming one)
     */
    public record Verdict(boolean accepted, boolean changed, ErrorCode refusal, String reason, DhtRecord merged) {
        static final Verdict NEW = new Verdict(true, true, null, "", null);
        static final Verdict REFRESH = new Verdict(true, false, null, "", null);

        static Verdict refuse(ErrorCode code, String reason) {
            return new Verdict(false, false, code, reason, null);
        }
    }

    private RecordRules() {}

    /** True when a signed record's signature verifies (always true for other kinds; a peer set's entries are checked one by one). */
    public static boolean verify(DhtRecord record) {
        return record.kind() != RecordKind.SIGNED || RecordSigner.verify(record);
    }

    /** {@link #decide(DhtRecord, DhtRecord, long, long)} on a node without a wall clock: it refuses peer sets. */
    public static Verdict decide(DhtRecord stored, DhtRecord incoming, long expectedVersion) {
        return decide(stored, incoming, expectedVersion, PeerSetRules.NO_WALL_CLOCK);
    }

    /**
     * Decides a store of {@code incoming} over {@code stored} (null when none).
     *
     * @param expectedVersion for compare-and-swap: the version the writer saw, or -1 for none
     * @param nowEpochSecond  the wall clock, for peer-set expiries; {@link PeerSetRules#NO_WALL_CLOCK} when there is none
     */
    public static Verdict decide(DhtRecord stored, DhtRecord incoming, long expectedVersion, long nowEpochSecond) {
        if (incoming.kind() == RecordKind.PEER_SET) {
            return mergePeerSet(stored, incoming, expectedVersion, nowEpochSecond);
        }
        if (!verify(incoming)) {
            return Verdict.refuse(ErrorCode.BAD_SIGNATURE, "signature does not verify");
        }
        if (expectedVersion >= 0) {
            long current = stored == null ? -1 : stored.version();
            if (current != expectedVersion) {
                return Verdict.refuse(ErrorCode.CAS_FAILED, "expected version " + expectedVersion + ", stored " + current);
            }
        }
        if (stored == null) {
            return Verdict.NEW;
        }
        if (stored.kind() != incoming.kind()) {
            return Verdict.refuse(ErrorCode.CONFLICT, "a " + stored.kind() + " record is stored under this key");
        }
        if (incoming.sameContent(stored)) {
            return Verdict.REFRESH;
        }
        switch (incoming.kind()) {
            case IMMUTABLE:
                return Verdict.REFRESH; // same key means same value
            case SIGNED:
                if (incoming.version() < stored.version()) {
                    return Verdict.refuse(ErrorCode.STALE, "sequence " + incoming.version() + " is below stored " + stored.version());
                }
                if (incoming.version() == stored.version()) {
                    return Verdict.refuse(ErrorCode.CONFLICT, "sequence " + incoming.version() + " is stored with other content");
                }
                return Verdict.NEW;
            default:
                return newer(incoming, stored) ? Verdict.NEW
                        : Verdict.refuse(ErrorCode.STALE, "version " + incoming.version() + " is not newer than stored " + stored.version());
        }
    }

    /**
     * A peer set merges into the held one per signer ({@link PeerSetRules}); it replaces a plain
     * record, which anyone may overwrite anyway. Accepted when at least one incoming entry is held
     * afterwards, refused with the reason of a refused entry otherwise.
     */
    private static Verdict mergePeerSet(DhtRecord stored, DhtRecord incoming, long expectedVersion, long now) {
        if (expectedVersion >= 0) {
            return Verdict.refuse(ErrorCode.CONFLICT, "peer sets merge: there is no version to compare and swap");
        }
        if (stored != null && stored.kind() != RecordKind.PEER_SET && stored.kind() != RecordKind.PLAIN) {
            return Verdict.refuse(ErrorCode.CONFLICT, "a " + stored.kind() + " record is stored under this key");
        }
        List<PeerSetEntry> held = stored == null || stored.kind() != RecordKind.PEER_SET ? List.of()
                : PeerSetCodec.decode(stored.value());
        PeerSetRules.Merge m = PeerSetRules.store(held, PeerSetCodec.decode(incoming.value()), incoming.key(), now);
        if (m.taken() == 0) {
            return Verdict.refuse(m.refusal() == null ? ErrorCode.BAD_REQUEST : m.refusal(),
                    m.refusal() == null ? "a peer set without entries" : m.reason());
        }
        boolean changed = m.changed() || stored == null || stored.kind() != RecordKind.PEER_SET;
        return new Verdict(true, changed, null, "", DhtRecord.peerSet(incoming.key(), m.entries(), now));
    }

    /**
     * Which of two verified answers for one key a reader keeps: the union of two peer sets (their
     * usable entries only), a peer set over a plain record (as a store would), else the
     * {@link #newer} one. {@code best} is null for the first answer.
     */
    public static DhtRecord preferred(DhtRecord best, DhtRecord candidate, long nowEpochSecond) {
        if (best != null && best.kind() == RecordKind.PEER_SET) {
            return candidate.kind() == RecordKind.PEER_SET ? PeerSetRules.union(best, candidate, nowEpochSecond) : best;
        }
        if (candidate.kind() == RecordKind.PEER_SET) {
            List<PeerSetEntry> usable = PeerSetRules.live(candidate, nowEpochSecond);
            return usable.isEmpty() ? best : DhtRecord.peerSet(candidate.key(), usable, nowEpochSecond);
        }
        return best == null || newer(candidate, best) ? candidate : best;
    }

    /**
     * Whether {@code held} is the content with {@code digest} or newer than it, by the order of
     * {@link #newer}, knowing only the other record's version, writer and content digest. When
     * versions and writers tie and the contents differ it answers false: only the values can
     * break that tie, and the store that follows decides it.
     */
    public static boolean sameOrNewer(DhtRecord held, long version, io.chordia.core.id.NodeId writer,
                                      io.chordia.core.util.Bytes digest) {
        int order = byVersionThenWriter(held, version, writer);
        return order != 0 ? order > 0 : held.contentDigest().equals(digest);
    }

    /** Plain and signed records: higher version, then (plain) higher writer id, then larger value. */
    public static boolean newer(DhtRecord a, DhtRecord b) {
        int order = byVersionThenWriter(a, b.version(), b.writer());
        return order != 0 ? order > 0 : compare(a.value(), b.value()) > 0;
    }

    /** The order of {@link #newer} before values are compared: higher version, then higher writer id. */
    private static int byVersionThenWriter(DhtRecord a, long version, io.chordia.core.id.NodeId writer) {
        int v = Long.compare(a.version(), version);
        return v != 0 ? v : a.writer().compareTo(writer);
    }

    private static int compare(io.chordia.core.util.Bytes a, io.chordia.core.util.Bytes b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a.byteAt(i) & 0xFF, b.byteAt(i) & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
