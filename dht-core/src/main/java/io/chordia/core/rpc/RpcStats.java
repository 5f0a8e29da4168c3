package io.chordia.core.rpc;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one RPC endpoint; updated on the node thread, readable from any thread. */
public final class RpcStats {
    final LongAdder callsStarted = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder responses = new LongAdder();
    final LongAdder errorReplies = new LongAdder();
    final LongAdder lateResponses = new LongAdder();
    final LongAdder duplicateResponses = new LongAdder();
    final LongAdder unknownResponses = new LongAdder();
    final LongAdder unexpectedResponses = new LongAdder();
    final LongAdder overloaded = new LongAdder();
    final LongAdder requestsServed = new LongAdder();
    final LongAdder requestsUnsupported = new LongAdder();
    final LongAdder requestsRefused = new LongAdder();
    final LongAdder handlerFailures = new LongAdder();

    public long callsStarted() {
        return callsStarted.sum();
    }

    /** Requests sent again after a timeout. */
    public long retransmissions() {
        return retransmissions.sum();
    }

    /** Calls that failed after their last attempt timed out. */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Responses that completed a call, error replies included. */
    public long responses() {
        return responses.sum();
    }

    public long errorReplies() {
        return errorReplies.sum();
    }

    /** Responses to calls that had already timed out: ignored. */
    public long lateResponses() {
        return lateResponses.sum();
    }

    /** Further responses to calls already answered (duplicated datagrams, answers to retries): ignored. */
    public long duplicateResponses() {
        return duplicateResponses.sum();
    }

    /** Responses whose transaction id we never used or forgot long ago: ignored. */
    public long unknownResponses() {
        return unknownResponses.sum();
    }

    /** Responses of the wrong type or from the wrong node id: the call failed. */
    public long unexpectedResponses() {
        return unexpectedResponses.sum();
    }

    /** Calls refused locally because the pending table was full. */
    public long overloaded() {
        return overloaded.sum();
    }

    public long requestsServed() {
        return requestsServed.sum();
    }

    public long requestsUnsupported() {
        return requestsUnsupported.sum();
    }

    public long requestsRefused() {
        return requestsRefused.sum();
    }

    public long handlerFailures() {
        return handlerFailures.sum();
    }

    @Override
    public String toString() {
        return "calls=" + callsStarted() + " responses=" + responses() + " timeouts=" + timeouts()
                + " retransmissions=" + retransmissions() + " late=" + lateResponses() + " duplicate="
                + duplicateResponses() + " unknown=" + unknownResponses() + " served=" + requestsServed();
    }
}
