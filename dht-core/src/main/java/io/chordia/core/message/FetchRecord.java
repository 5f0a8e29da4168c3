package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/** What do you hold under {@code key}? Answered by {@link RecordReply}, which also carries a write token. */
public record FetchRecord(NodeId key) implements Request<RecordReply> {
    public FetchRecord {
        Checks.notNull(key, "key");
    }

    @Override
    public Class<RecordReply> responseType() {
        return RecordReply.class;
    }
}
