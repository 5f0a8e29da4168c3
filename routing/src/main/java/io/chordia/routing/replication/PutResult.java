package io.chordia.routing.replication;

import io.chordia.core.message.ErrorCode;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * How a put ended.
 *
 * @param acked   the replicas that stored the record
 * @param refusal why a replica refused it, when status is REFUSED
 */
public record PutResult(Status status, List<Contact> acked, long version, ErrorCode refusal, String detail) {
    public enum Status {
        /** At least W replicas stored it. */
        OK,
        /** A replica refused it for a reason that retrying will not change (stale, conflict, bad signature). */
        REFUSED,
        /** Fewer than W replicas acknowledged. */
        FAILED
    }

    public PutResult {
        acked = List.copyOf(acked);
    }
}
