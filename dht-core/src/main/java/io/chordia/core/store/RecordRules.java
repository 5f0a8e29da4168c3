package io.chordia.core.store;

import io.chordia.core.message.ErrorCode;

/**
 * Whether an incoming record may replace the stored one: the same rules on every replica, so
 * concurrent writers converge to the same winner everywhere.
 */
public final class RecordRules {
    /** The verdict on one store. */
    public record Verdict(boolean accepted, boolean changed, ErrorCode refusal, String reason) {
        static final Verdict NEW = new Verdict(true, true, null, "");
        static final Verdict REFRESH = new Verdict(true, false, null, "");

        static Verdict refuse(ErrorCode code, String reason) {
            return new Verdict(false, false, code, reason);
        }
    }

    private RecordRules() {}

    /** True when a signed record's signature verifies (always true for other kinds). */
    public static boolean verify(DhtRecord record) {
        return record.kind() != RecordKind.SIGNED || RecordSigner.verify(record);
    }

    /**
     * Decides a store of {@code incoming} over {@code stored} (null when none).
     *
     * @param expectedVersion for compare-and-swap: the version the writer saw, or -1 for none
     */
    public static Verdict decide(DhtRecord stored, DhtRecord incoming, long expectedVersion) {
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

    /** Plain and signed records: higher version, then (plain) higher writer id, then larger value. */
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
