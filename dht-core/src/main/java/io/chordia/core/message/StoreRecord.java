package io.chordia.core.message;

import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * Store {@code record} on the receiver, a replica of its key. Answered by {@link Ack}, or an
 * {@link ErrorReply} saying why not (BAD_TOKEN, STALE, CONFLICT, BAD_SIGNATURE, CAS_FAILED,
 * QUOTA_EXCEEDED).
 *
 * @param expectedVersion compare-and-swap: the version the writer read, or -1
 * @param token           the write token the receiver gave this sender's address in a {@link RecordReply}
 */
public record StoreRecord(DhtRecord record, long expectedVersion, Bytes token) implements Request<Ack> {
    public static final int MAX_TOKEN_BYTES = 32;

    public StoreRecord {
        Checks.notNull(record, "record");
        Checks.check(expectedVersion >= -1, "expectedVersion is -1 or a version, was %s", expectedVersion);
        Checks.notNull(token, "token");
        Checks.check(token.length() <= MAX_TOKEN_BYTES, "a token is at most %s bytes", MAX_TOKEN_BYTES);
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
