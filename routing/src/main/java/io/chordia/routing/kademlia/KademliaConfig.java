package io.chordia.routing.kademlia;

import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.util.Checks;
import io.chordia.routing.SuspectConfig;
import java.time.Duration;

/**
 * Settings of a Kademlia node. Defaults follow the paper (Maymounkov and Mazières 2002: k = 20,
 * α = 3, b = 1, hourly bucket refresh) where it gives a figure.
 *
 * @param k                        bucket size, lookup width and the most contacts in a reply (1..20:
 *                                 a reply must fit one 1232-byte datagram)
 * @param alpha                    requests in flight per lookup path
 * @param bitsPerHop               b: the table keeps 2^b - 1 buckets per b bits of shared prefix, so
 *                                 each hop resolves about b more bits (accelerated lookups); 1..8
 * @param disjointPaths            d: iterative lookups run over d paths that never query the same
 *                                 node (S/Kademlia); 1 is the ordinary lookup
 * @param replacementCacheSize     verified contacts kept per full bucket to replace failed ones
 * @param maxPerSubnet             contacts per bucket (and per replacement cache) from one IPv4 /24 or
 *                                 IPv6 /48; loopback addresses are exempt; ≥ k disables the limit
 * @param staleAfterFailures       failed requests in a row after which a contact is stale: replaced at
 *                                 once if a replacement is cached, never offered to others
 * @param contactFreshness         a full bucket's least recently seen contact is pinged (and evicted if
 *                                 it fails) when a newcomer arrives, unless it was seen this recently
 * @param leafSetSize              the nodes closest to our own id that the leaf set keeps
 * @param maxPendingVerifications  pings in flight to verify senders we learned from their requests
 * @param maintenancePeriod        how often the node checks for idle buckets and its leaf set
 * @param bucketRefreshInterval    a bucket with no lookup into it for this long is refreshed
 * @param leafSetRefreshInterval   how often the node looks up its own id to keep its leaf set fresh
 * @param rpc                      the node's RPC defaults: pings, verification, recursive answers
 * @param lookupTimeout            per-attempt wait of an iterative lookup's request
 * @param lookupAttempts           sends per iterative lookup request
 * @param hopTimeout               per-attempt wait for a recursive hop's acknowledgement
 * @param hopAttempts              sends per recursive hop before trying the next-closest contact
 * @param maxForwardTries          contacts a recursive hop tries before answering the origin itself
 * @param recursiveTimeout         how long the origin of a recursive lookup waits for the answer
 * @param recursiveAttempts        recursive tries (each through another first hop) before TIMEOUT
 * @param leafSetShortcut          a recursive hop (or origin) whose leaf set provably holds the k closest
 *                                 nodes to the key answers from it instead of forwarding to the closest
 *                                 leaf: one hop less, but the answer's first node is not asked whether it
 *                                 is alive (off by default; see docs/protocols/kademlia.md)
 * @param suspects                 how contacts that stopped answering are remembered and probed, so tables span
 *                                 both sides again after a partition heals
 */
public record KademliaConfig(int k, int alpha, int bitsPerHop, int disjointPaths, int replacementCacheSize,
                             int maxPerSubnet, int staleAfterFailures, Duration contactFreshness, int leafSetSize,
                             int maxPendingVerifications, Duration maintenancePeriod,
                             Duration bucketRefreshInterval, Duration leafSetRefreshInterval, RpcConfig rpc,
                             Duration lookupTimeout, int lookupAttempts, Duration hopTimeout, int hopAttempts,
                             int maxForwardTries, Duration recursiveTimeout, int recursiveAttempts,
                             boolean leafSetShortcut, SuspectConfig suspects) {
    /** Contacts in one reply: 20 of any address family fit a 1232-byte datagram. */
    public static final int MAX_K = 20;

    public KademliaConfig {
        Checks.inRange(k, 1, MAX_K, "k");
        Checks.inRange(alpha, 1, 32, "alpha");
        Checks.inRange(bitsPerHop, 1, 8, "bitsPerHop");
        Checks.inRange(disjointPaths, 1, 16, "disjointPaths");
        Checks.inRange(replacementCacheSize, 0, 256, "replacementCacheSize");
        Checks.inRange(maxPerSubnet, 1, 1024, "maxPerSubnet");
        Checks.inRange(staleAfterFailures, 1, 100, "staleAfterFailures");
        Checks.nonNegative(contactFreshness, "contactFreshness");
        Checks.inRange(leafSetSize, 1, 256, "leafSetSize");
        Checks.inRange(maxPendingVerifications, 0, 4096, "maxPendingVerifications");
        Checks.positive(maintenancePeriod, "maintenancePeriod");
        Checks.positive(bucketRefreshInterval, "bucketRefreshInterval");
        Checks.positive(leafSetRefreshInterval, "leafSetRefreshInterval");
        Checks.notNull(rpc, "rpc");
        Checks.positive(lookupTimeout, "lookupTimeout");
        Checks.inRange(lookupAttempts, 1, 10, "lookupAttempts");
        Checks.positive(hopTimeout, "hopTimeout");
        Checks.inRange(hopAttempts, 1, 10, "hopAttempts");
        Checks.inRange(maxForwardTries, 1, 64, "maxForwardTries");
        Checks.positive(recursiveTimeout, "recursiveTimeout");
        Checks.inRange(recursiveAttempts, 1, 10, "recursiveAttempts");
        Checks.check(disjointPaths <= k, "disjointPaths %s must not exceed k %s: each path starts from its own seeds",
                disjointPaths, k);
        Checks.notNull(suspects, "suspects");
    }

    public static KademliaConfig defaults() {
        return new KademliaConfig(20, 3, 1, 1, 20, 2, 3, Duration.ofMinutes(5), 40, 256, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofMinutes(10), RpcConfig.defaults(), Duration.ofMillis(500), 2,
                Duration.ofMillis(300), 2, 3, Duration.ofSeconds(5), 3, false, SuspectConfig.defaults());
    }

    /** The per-call settings of iterative lookup requests. */
    public RpcConfig lookupRpc() {
        return rpc.withTimeout(lookupTimeout).withMaxAttempts(lookupAttempts);
    }

    /** The per-call settings of recursive forwards. */
    public RpcConfig hopRpc() {
        return rpc.withTimeout(hopTimeout).withMaxAttempts(hopAttempts);
    }

    public KademliaConfig withK(int value) {
        return new KademliaConfig(value, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withAlpha(int value) {
        return new KademliaConfig(k, value, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withBitsPerHop(int value) {
        return new KademliaConfig(k, alpha, value, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withDisjointPaths(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, value, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withReplacementCacheSize(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, value, maxPerSubnet, staleAfterFailures,
                contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod, bucketRefreshInterval,
                leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout, hopAttempts,
                maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withMaxPerSubnet(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, value,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withStaleAfterFailures(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet, value,
                contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod, bucketRefreshInterval,
                leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout, hopAttempts,
                maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withContactFreshness(Duration value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, value, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withLeafSetSize(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, value, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withMaxPendingVerifications(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, value, maintenancePeriod, bucketRefreshInterval,
                leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout, hopAttempts,
                maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withMaintenancePeriod(Duration value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, value,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withBucketRefreshInterval(Duration value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                value, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout, hopAttempts,
                maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withLeafSetRefreshInterval(Duration value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, value, rpc, lookupTimeout, lookupAttempts, hopTimeout, hopAttempts,
                maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withRpc(RpcConfig value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, value, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withLookupTimeout(Duration value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, value, lookupAttempts, hopTimeout, hopAttempts,
                maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withLookupAttempts(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, value, hopTimeout, hopAttempts,
                maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withHopTimeout(Duration value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, value,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withHopAttempts(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                value, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withMaxForwardTries(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, value, recursiveTimeout, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withRecursiveTimeout(Duration value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, value, recursiveAttempts, leafSetShortcut, suspects);
    }

    public KademliaConfig withRecursiveAttempts(int value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, value, leafSetShortcut, suspects);
    }

    public KademliaConfig withLeafSetShortcut(boolean value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, value, suspects);
    }

    public KademliaConfig withSuspects(SuspectConfig value) {
        return new KademliaConfig(k, alpha, bitsPerHop, disjointPaths, replacementCacheSize, maxPerSubnet,
                staleAfterFailures, contactFreshness, leafSetSize, maxPendingVerifications, maintenancePeriod,
                bucketRefreshInterval, leafSetRefreshInterval, rpc, lookupTimeout, lookupAttempts, hopTimeout,
                hopAttempts, maxForwardTries, recursiveTimeout, recursiveAttempts, leafSetShortcut, value);
    }
}
