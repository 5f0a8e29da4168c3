package io.chordia.bootstrap;

import io.chordia.core.util.Checks;
import io.chordia.transport.guard.GuardLimits;
import java.time.Duration;

/**
 * The hardened defaults of a public bootstrap node: every table it keeps has a hard cap, every
 * source a rate, and replies to strangers a byte budget.
 *
 * @param perSourceRate         datagrams per second one source IP (IPv6: one /64) may send
 * @param perSourceBurst        datagrams one source may send at once after being quiet
 * @param globalRate            datagrams per second from all unverified sources together
 * @param verifiedRate          datagrams per second from all verified sources together (their
 *                              own share, so a flood of strangers cannot starve known peers)
 * @param maxTrackedSources     per-source token buckets kept; the least recently seen is evicted
 * @param maxVerifiedPeers      addresses remembered as verified (they answered our ping)
 * @param amplificationFactor   what we send an unverified address is at most this many times the
 *                              bytes of the requests it sent us
 * @param maxReplyBudgets       unverified addresses whose byte budget is remembered
 * @param maxPendingCalls       the node's own calls in flight (the RPC pending table)
 * @param maxProbesInFlight     verification pings in flight at once
 * @param reprobeAfter          an address that did not answer our ping is not pinged again sooner
 * @param k                     Kademlia bucket size, and the most contacts in a reply
 */
public record BootstrapLimits(int perSourceRate, int perSourceBurst, int globalRate, int verifiedRate,
                              int maxTrackedSources, int maxVerifiedPeers, int amplificationFactor,
                              int maxReplyBudgets, int maxPendingCalls, int maxProbesInFlight,
                              Duration reprobeAfter, int k) {
    public BootstrapLimits {
        Checks.inRange(perSourceRate, 1, 1_000_000, "perSourceRate");
        Checks.inRange(perSourceBurst, 1, 1_000_000, "perSourceBurst");
        Checks.inRange(globalRate, 1, 10_000_000, "globalRate");
        Checks.inRange(verifiedRate, 1, 10_000_000, "verifiedRate");
        Checks.inRange(maxTrackedSources, 1, 10_000_000, "maxTrackedSources");
        Checks.inRange(maxVerifiedPeers, 1, 10_000_000, "maxVerifiedPeers");
        Checks.inRange(amplificationFactor, 1, 100, "amplificationFactor");
        Checks.inRange(maxReplyBudgets, 1, 1_000_000, "maxReplyBudgets");
        Checks.inRange(maxPendingCalls, 1, 1 << 20, "maxPendingCalls");
        Checks.inRange(maxProbesInFlight, 0, 1 << 16, "maxProbesInFlight");
        Checks.positive(reprobeAfter, "reprobeAfter");
        Checks.inRange(k, 1, 20, "k");
    }

    /**
     * 50 datagrams/s per source with bursts of 100 (a joining peer sends a handful; a busy one a few
     * a second), 20,000/s from strangers and 20,000/s from verified peers in all, 65,536 tracked
     * sources (about 6 MiB), 16,384 verified addresses, replies at most 3× the request to strangers.
     */
    public static BootstrapLimits defaults() {
        return new BootstrapLimits(50, 100, 20_000, 20_000, 65_536, 16_384, 3, 4096, 1024, 256,
                Duration.ofMinutes(1), 20);
    }

    /**
     * The guard's share of these: replies cut (not held) to {@code amplificationFactor} times the
     * request, and only verified contacts handed out; a bootstrap node holds no one's state for long.
     */
    public GuardLimits guard() {
        // Our own calls are capped by the RPC layer; twice that covers retransmissions' reuse of ids.
        return new GuardLimits(amplificationFactor, maxVerifiedPeers, maxReplyBudgets, 2 * maxPendingCalls, 0, true,
                maxProbesInFlight, reprobeAfter);
    }

    public BootstrapLimits withPerSource(int rate, int burst) {
        return new BootstrapLimits(rate, burst, globalRate, verifiedRate, maxTrackedSources, maxVerifiedPeers,
                amplificationFactor, maxReplyBudgets, maxPendingCalls, maxProbesInFlight, reprobeAfter, k);
    }

    public BootstrapLimits withGlobalRate(int value) {
        return new BootstrapLimits(perSourceRate, perSourceBurst, value, verifiedRate, maxTrackedSources,
                maxVerifiedPeers, amplificationFactor, maxReplyBudgets, maxPendingCalls, maxProbesInFlight,
                reprobeAfter, k);
    }

    public BootstrapLimits withVerifiedRate(int value) {
        return new BootstrapLimits(perSourceRate, perSourceBurst, globalRate, value, maxTrackedSources,
                maxVerifiedPeers, amplificationFactor, maxReplyBudgets, maxPendingCalls, maxProbesInFlight,
                reprobeAfter, k);
    }

    public BootstrapLimits withMaxTrackedSources(int value) {
        return new BootstrapLimits(perSourceRate, perSourceBurst, globalRate, verifiedRate, value, maxVerifiedPeers,
                amplificationFactor, maxReplyBudgets, maxPendingCalls, maxProbesInFlight, reprobeAfter, k);
    }

    public BootstrapLimits withMaxVerifiedPeers(int value) {
        return new BootstrapLimits(perSourceRate, perSourceBurst, globalRate, verifiedRate, maxTrackedSources, value,
                amplificationFactor, maxReplyBudgets, maxPendingCalls, maxProbesInFlight, reprobeAfter, k);
    }

    public BootstrapLimits withMaxReplyBudgets(int value) {
        return new BootstrapLimits(perSourceRate, perSourceBurst, globalRate, verifiedRate, maxTrackedSources,
                maxVerifiedPeers, amplificationFactor, value, maxPendingCalls, maxProbesInFlight, reprobeAfter, k);
    }

    public BootstrapLimits withMaxPendingCalls(int value) {
        return new BootstrapLimits(perSourceRate, perSourceBurst, globalRate, verifiedRate, maxTrackedSources,
                maxVerifiedPeers, amplificationFactor, maxReplyBudgets, value, maxProbesInFlight, reprobeAfter, k);
    }

    public BootstrapLimits withK(int value) {
        return new BootstrapLimits(perSourceRate, perSourceBurst, globalRate, verifiedRate, maxTrackedSources,
                maxVerifiedPeers, amplificationFactor, maxReplyBudgets, maxPendingCalls, maxProbesInFlight,
                reprobeAfter, value);
    }
}
