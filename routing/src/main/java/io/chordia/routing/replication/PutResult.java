package io.chordia.routing.replication;

import io.chordia.core.message.ErrorCode;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * How a put ended, and where the record now is, whatever the status: a put that fails its quorum
 * has still been stored on the replicas in {@link #acked}, and can be read from them.
 *
 * @param acked    the replicas that stored the record
 * @param replicas the replica set the put asked: the N nodes nearest the key that the lookup found,
 *                 fewer when the network has fewer nodes
 * @param wanted   N, the replicas a record should have
 * @param quorum   the acknowledgements the put needed: W, or every replica when fewer than W exist
 * @param refusal  why a replica refused it, when status is REFUSED
 */
public record PutResult(Status status, List<Contact> acked, List<Contact> replicas, int wanted, int quorum, long version,
                        ErrorCode refusal, String detail) {
    public enum Status {
        /** At least {@link #quorum()} replicas stored it. */
        OK,
        /** A replica refused it for a reason that retrying will not change (stale, conflict, bad signature). */
        REFUSED,
        /** Fewer than {@link #quorum()} replicas acknowledged. */
        FAILED
    }

    public PutResult {
        Checks.notNull(status, "status");
        acked = List.copyOf(acked);
        replicas = List.copyOf(replicas);
        Checks.check(wanted >= 1, "wanted must be positive, was %s", wanted);
        Checks.check(quorum >= 1 && quorum <= wanted, "quorum must be in [1, wanted], was %s", quorum);
        Checks.notNull(detail, "detail");
    }

    /** The replicas asked that did not store the record (they refused, failed or did not answer). */
    public List<Contact> missing() {
        List<Contact> out = new ArrayList<>();
        for (Contact replica : replicas) {
            if (acked.stream().noneMatch(a -> a.id().equals(replica.id()))) {
                out.add(replica);
            }
        }
        return out;
    }

    /** True when the record is on fewer replicas than {@link #wanted()}, whatever the status. */
    public boolean belowWanted() {
        return acked.size() < wanted;
    }

    /**
     * Where the record is, in words: {@code stored on 1 of 3 replicas (only 1 node known)},
     * {@code stored on 2 of 3 replicas (1 did not store it)}, {@code stored on 3 of 3 replicas}.
     */
    public String summary() {
        String why = shortfall();
        return "stored on " + acked.size() + " of " + wanted + " replicas" + (why.isEmpty() ? "" : " (" + why + ")");
    }

    /**
     * Why the record is on fewer than {@link #wanted()} replicas ({@code only 2 nodes known},
     * {@code 1 did not store it}, or both); empty when it is not.
     */
    public String shortfall() {
        if (!belowWanted()) {
            return "";
        }
        List<String> why = new ArrayList<>();
        if (replicas.size() < wanted) {
            why.add("only " + replicas.size() + (replicas.size() == 1 ? " node" : " nodes") + " known");
        }
        int missing = missing().size();
        if (missing > 0) {
            why.add(missing + " did not store it");
        }
        return String.join(", ", why);
    }
}
