package io.chordia.core.message;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * The answer to {@link CheckRecord}.
 *
 * @param needed whether the replica lacks that content and holds nothing newer: send it a {@link StoreRecord}
 * @param token  a write token for the asker's address, to present with that store
 */
public record RecordCheck(boolean needed, Bytes token) implements Response {
    public RecordCheck {
        Checks.notNull(token, "token");
        Checks.check(token.length() <= StoreRecord.MAX_TOKEN_BYTES, "a token is at most %s bytes", StoreRecord.MAX_TOKEN_BYTES);
    }
}
