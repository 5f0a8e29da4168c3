package io.chordia.routing.replication;

import io.chordia.core.net.Contact;
import io.chordia.core.store.DhtRecord;
import java.util.List;

/**
 * How a get ended.
 *
 * @param record   the newest record the replicas hold, when FOUND
 * @param answered the replicas that answered
 */
public record GetResult(Status status, DhtRecord record, List<Contact> answered) {
    public enum Status { FOUND, NOT_FOUND, FAILED }

    public GetResult {
        answered = List.copyOf(answered);
    }
}
