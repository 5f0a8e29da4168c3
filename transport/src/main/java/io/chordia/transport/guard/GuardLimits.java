package io.chordia.transport.guard;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * How a {@link GuardedTransport} treats addresses that have not answered a request of ours.
 *
 * @param amplificationFactor    what we send an unverified address is at most this many times
 *                               the bytes of the requests it sent us
 * @param maxVerifiedPeers       addresses remembered as verified, and as recently probed
 * @param maxReplyBudgets        unverified addresses whose byte budget is remembered
 * @param maxOutstandingRequests our own requests remembered until answered (their answers verify)
 * @param maxHeldEnvelopes       replies (and our requests) over the budget kept until their address
 *                               is verified, then sent whole; 0: replies cut to fit, requests dropped
 * @param verifiedContactsOnly   replies hand out only verified contacts (and ourselves)
 * @param maxProbesInFlight      verification pings in flight at once
 * @param reprobeAfter           an address that did not answer our ping is not pinged again sooner
 */
public record GuardLimits(int amplificationFactor, int maxVerifiedPeers, int maxReplyBudgets,
                          int maxOutstandingRequests, int maxHeldEnvelopes, boolean verifiedContactsOnly,
                          int maxProbesInFlight, Duration reprobeAfter) {
    public GuardLimits {
        Checks.inRange(amplificationFactor, 1, 100, "amplificationFactor");
        Checks.inRange(maxVerifiedPeers, 1, 10_000_000, "maxVerifiedPeers");
        Checks.inRange(maxReplyBudgets, 1, 1_000_000, "maxReplyBudgets");
        Checks.inRange(maxOutstandingRequests, 1, 1 << 21, "maxOutstandingRequests");
        Checks.inRange(maxHeldEnvelopes, 0, 1 << 16, "maxHeldEnvelopes");
        Checks.inRange(maxProbesInFlight, 0, 1 << 16, "maxProbesInFlight");
        Checks.positive(reprobeAfter, "reprobeAfter");
    }

    /**
     * A node's own: no amplification at all (factor 1), its contacts handed out as they are (the
     * overlay's tables are what peers ask for), and a reply that does not fit held for one round
     * trip while the asker answers our ping, so a newcomer's first lookup gets whole answers, a
     * little later, instead of cut ones. 256 held replies of at most a datagram: about 300 KiB.
     * An asker whose pong was lost is pinged again on its next request 2 s later (the ping's own
     * timeout), not a minute later: until it is verified its calls to us mostly go unanswered.
     * A victim gains nothing from the shorter interval: every ping is paid from its budget.
     *
     * @param maxPendingCalls the node's RPC pending table; twice that covers retransmissions
     */
    public static GuardLimits node(int maxPendingCalls) {
        return new GuardLimits(1, 16_384, 4096, 2 * maxPendingCalls, 256, false, 64, Duration.ofSeconds(2));
    }
}
