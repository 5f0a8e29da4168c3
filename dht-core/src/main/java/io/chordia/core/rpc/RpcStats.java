package io.chordia.core.rpc;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one RPC endpoint; updated on the node thread, readable from any thread. */
public final class RpcStats {
    final Counter callsStarted = new Counter();
    final Counter retransmissions = new Counter();
    final Counter timeouts = new Counter();
    final Counter responses = new Counter();
    final Counter errorReplies = new Counter();
    final Counter lateResponses = new Counter();
    final Counter duplicateResponses = new Counter();
    final Counter unknownResponses = new Counter();
    final Counter unexpectedResponses = new Counter();
    final Counter overloaded = new Counter();
    final Counter requestsServed = new Counter();
    final Counter requestsUnsupported = new Counter();
    final Counter requestsRefused = new Counter();
    final Counter handlerFailures = new Counter();
    final Counter callbackFailures = new Counter();

    /**
     * Only the node thread counts, so an increment needs no atomic read-modify-write (a LongAdder's
     * CAS, on every datagram); a release store lets any thread read a recent value.
     */
    static final class Counter {
        private final AtomicLong value = new AtomicLong();

        void increment() {
            value.lazySet(value.get() + 1);
        }

        long sum() {
            return value.get();
        }
    }

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

    /** Reply callbacks of the caller's code that threw: logged and counted, the endpoint carries on. */
    public long callbackFailures() {
        return callbackFailures.sum();
    }

    @Override
    public String toString() {
        return "calls=" + callsStarted() + " responses=" + responses() + " timeouts=" + timeouts()
                + " retransmissions=" + retransmissions() + " late=" + lateResponses() + " duplicate="
                + duplicateResponses() + " unknown=" + unknownResponses() + " served=" + requestsServed();
    }
}
