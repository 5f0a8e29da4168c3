package io.chordia.app.node;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.transport.Transport;
import io.chordia.transport.guard.GuardLimits;
import io.chordia.transport.guard.GuardedTransport;
import io.chordia.transport.guard.SourceProber;
import io.chordia.transport.guard.VerifiedPeers;
import java.util.function.ToIntFunction;

/**
 * The daemon's defence against reflection: its transport behind a {@link GuardedTransport} with a
 * node's limits ({@link GuardLimits#node}: nothing sent to an unverified address beyond the bytes
 * it sent us), the pings that verify askers, and the verified set the recursive lookups consult
 * before answering an origin. An address is verified once it answered a request of ours at that
 * address, the proof a spoofed source cannot give.
 */
final class NodeGuard {
    private final VerifiedPeers verified;
    private final GuardedTransport transport;
    private final GuardLimits limits;
    private SourceProber prober;

    private NodeGuard(VerifiedPeers verified, GuardedTransport transport, GuardLimits limits) {
        this.verified = verified;
        this.transport = transport;
        this.limits = limits;
    }

    /**
     * Guards {@code transport}; {@code self} sizes our pings (its address's length is what matters),
     * {@code sizeOf} counts an envelope's bytes on the node's own wire (KRPC's differ from Kryo's).
     */
    static NodeGuard around(Transport transport, Contact self, ToIntFunction<Envelope> sizeOf, int maxPendingCalls) {
        GuardLimits limits = GuardLimits.node(maxPendingCalls);
        VerifiedPeers verified = new VerifiedPeers(limits.maxVerifiedPeers());
        return new NodeGuard(verified, new GuardedTransport(transport, self, verified, sizeOf, limits), limits);
    }

    /** What the overlay node sends and receives through. */
    Transport transport() {
        return transport;
    }

    /** Starts verifying askers with {@code rpc}'s pings. Node thread, before the node serves. */
    void start(RpcEndpoint rpc) {
        prober = new SourceProber(rpc, transport, rpc.scheduler().clock(), limits);
        transport.onUnverifiedRequest(prober::probe);
        rpc.verifyAddressesWith(verified::isVerified);
    }

    GuardedTransport guarded() {
        return transport;
    }

    int verifiedPeers() {
        return verified.size();
    }

    long probesSent() {
        return prober == null ? 0 : prober.probesSent();
    }

    /** The counters {@code chordia status} shows; readable from any thread. */
    NodeStatus.Guard status() {
        return new NodeStatus.Guard(verifiedPeers(), probesSent(), transport.repliesHeld(), transport.requestsHeld(),
                transport.heldReplies(), transport.repliesRefused(), transport.pendingReplyBudgets());
    }
}
