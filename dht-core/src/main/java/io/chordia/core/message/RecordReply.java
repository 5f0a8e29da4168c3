package io.chordia.core.message;

import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.util.List;

/**
 * The answer to {@link FetchRecord}.
 *
 * @param records the record held under the key (at most one), or none
 * @param token   a write token for the asker's address, to present with a {@link StoreRecord}
 */
public record RecordReply(List<DhtRecord> records, Bytes token) implements Response {
    public RecordReply {
        records = List.copyOf(Checks.notNull(records, "records"));
        Checks.check(records.size() <= 1, "at most one record, got %s", records.size());
        Checks.notNull(token, "token");
        Checks.check(token.length() <= StoreRecord.MAX_TOKEN_BYTES, "a token is at most %s bytes", StoreRecord.MAX_TOKEN_BYTES);
    }
}
