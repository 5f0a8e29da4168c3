package io.chordia.core.rpc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one RPC endpoint; updated on the node thread, readable from any thread. */
public final class RpcStats {

    static final int CALLS_STARTED = 0;
    static final int RETRANSMISSIONS = 1;
    static final int TIMEOUTS = 2;
    static final int RESPONSES = 3;
    static final int ERROR_REPLIES = 4;
    static final int LATE_RESPONSES = 5;
    static final int DUPLICATE_RESPONSES = 6;
    static final int UNKNOWN_RESPONSES = 7;
    static final int UNEXPECTED_RESPONSES = 8;
    static final int OVERLOADED = 9;
    static final int REQUESTS_SERVED = 10;
    static final int REQUESTS_UNSUPPORTED = 11;
    static final int REQUESTS_REFUSED = 12;
    static final int HANDLER_FAILURES = 13;
    static final int CALLBACK_FAILURES = 14;
    static final int FORGED_RESPONSES = 15;
    private static final int COUNTERS = 16;

    /**
     * One array for all counters: a simulated world has thousands of endpoints, and a counter
     * object each meant a cache miss per count. Only the node thread counts, so an increment
     * needs no atomic read-modify-write; a release store lets any thread read a recent value.
     */
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    private final long[] counts = new long[COUNTERS];
    /** Made on the first timeout: most simulated endpoints never need one. */
    private volatile ConcurrentHashMap<String, LongAdder> timeoutsByType;

    void increment(int counter) {
        COUNT.setRelease(counts, counter, counts[counter] + 1);
    }

    private long get(int counter) {
        return (long) COUNT.getAcquire(counts, counter);
    }

    public long callsStarted() {
        return get(CALLS_STARTED);
    }

    /** Requests sent again after a timeout. */
    public long retransmissions() {
        return get(RETRANSMISSIONS);
    }

    /** Calls that failed after their last attempt timed out. */
    public long timeouts() {
        return get(TIMEOUTS);
    }

    void recordTimeout(Class<?> requestType) {
        increment(TIMEOUTS);
        ConcurrentHashMap<String, LongAdder> byType = timeoutsByType;
        if (byType == null) {
            byType = new ConcurrentHashMap<>();
            timeoutsByType = byType;
        }
        byType.computeIfAbsent(requestType.getSimpleName(), t -> new LongAdder()).increment();
    }

    /** {@link #timeouts()} by the request's type (its simple class name), in name order. */
    public Map<String, Long> timeoutsByType() {
        Map<String, Long> out = new TreeMap<>();
        ConcurrentHashMap<String, LongAdder> byType = timeoutsByType;
        if (byType != null) {
            byType.forEach((type, count) -> out.put(type, count.sum()));
        }
        return out;
    }

    /** Responses that completed a call, error replies included. */
    public long responses() {
        return get(RESPONSES);
    }

    public long errorReplies() {
        return get(ERROR_REPLIES);
    }

    /** Responses to calls that had already timed out: ignored. */
    public long lateResponses() {
        return get(LATE_RESPONSES);
    }

    /** Further responses to calls already answered (duplicated datagrams, answers to retries): ignored. */
    public long duplicateResponses() {
        return get(DUPLICATE_RESPONSES);
    }

    /** Responses whose transaction id we never used or forgot long ago: ignored. */
    public long unknownResponses() {
        return get(UNKNOWN_RESPONSES);
    }

    /** Responses of the wrong type or from the wrong node id: the call failed. */
    public long unexpectedResponses() {
        return get(UNEXPECTED_RESPONSES);
    }

    /**
     * Responses to a pending call from another address than the one called: dropped, the call
     * still waits for the real answer. Someone who learned or guessed a transaction id, or a
     * peer answering from another socket than it listens on.
     */
    public long forgedResponses() {
        return get(FORGED_RESPONSES);
    }

    /** Calls refused locally because the pending table was full. */
    public long overloaded() {
        return get(OVERLOADED);
    }

    public long requestsServed() {
        return get(REQUESTS_SERVED);
    }

    public long requestsUnsupported() {
        return get(REQUESTS_UNSUPPORTED);
    }

    public long requestsRefused() {
        return get(REQUESTS_REFUSED);
    }

    public long handlerFailures() {
        return get(HANDLER_FAILURES);
    }

    /** Reply callbacks of the caller's code that threw: logged and counted, the endpoint carries on. */
    public long callbackFailures() {
        return get(CALLBACK_FAILURES);
    }

    @Override
    public String toString() {
        return "calls=" + callsStarted() + " responses=" + responses() + " timeouts=" + timeouts()
                + " retransmissions=" + retransmissions() + " late=" + lateResponses() + " duplicate="
                + duplicateResponses() + " unknown=" + unknownResponses() + " forged=" + forgedResponses()
                + " served=" + requestsServed();
    }
}
