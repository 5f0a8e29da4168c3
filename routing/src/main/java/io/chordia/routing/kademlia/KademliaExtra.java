package io.chordia.routing.kademlia;

/**
 * What our Kademlia adds to the protocol the paper (Maymounkov and Mazières, IPTPS 2002) publishes.
 * {@link KademliaConfig#extras()} holds the ones a node runs: all of them by default, none in
 * {@link KademliaProfile#IPTPS02}, so an experiment can run the paper's protocol on our node code.
 */
public enum KademliaExtra {
    /**
     * The leaf set: the nodes nearest our own id, kept beside the buckets, merged into every
     * lookup's seeds and refreshed by a periodic lookup of our own id.
     */
    LEAF_SET,
    /**
     * A sender we do not know enters only after it answers a ping at the address its request came
     * from. The paper enters "any message (request or reply)"'s sender at once.
     */
    SENDER_VERIFICATION,
    /** Contacts that stopped answering are remembered and probed, so a network split in two finds itself again. */
    SUSPECT_PROBES,
    /**
     * A slow request whose node is probably alive keeps its lookup from finishing until it is
     * answered or times out ({@link io.chordia.routing.lookup.SlowQueries#worthWaitingFor}); the
     * paper drops a node that fails to respond quickly "until and unless" it responds.
     */
    PATIENT_LOOKUPS,
    /**
     * A contact whose request failed gives its bucket slot at once to a cached replacement (the
     * newest), as libtorrent's DHT does, instead of after {@code staleAfterFailures} failures in a
     * row; with no replacement cached it stays and its failures count as before. The one that left
     * goes on the suspect list, so a live contact that lost a datagram comes back when probed. The
     * paper keeps a contact until it fails 5 requests in a row.
     */
    PROMPT_REPLACEMENT,
    /**
     * A join looks up our own id confirming the leaf set's worth of nearest nodes (not k), runs that
     * lookup again (after a lookup of the bootstrap node's id) while it ends with fewer than k nodes
     * answering, and refreshes no bucket. The paper refreshes every bucket farther than our closest
     * neighbour (§2.3): under 84-s sessions those refreshes were 60% of all {@code FindNode}
     * traffic. What they bought for the leaf sets of a network built by joins (the nodes just beyond
     * our k nearest learn of us, and we of them) the wider self-lookup buys with one lookup; the far
     * buckets fill from the traffic that follows. The second try is for a bootstrap node whose
     * contacts in our region had all departed (docs/protocols/kademlia.md, "A join that looks up
     * its leaf set" and "Joins past departed referrals"). Needs {@link #LEAF_SET}.
     */
    LEAF_SET_JOIN,
    /** A lookup stops asking the candidates of a node whose referrals mostly failed. */
    REFERRER_DISTRUST,
    /**
     * Once the α closest candidates of a lookup path have answered, the rest of its k closest are
     * asked at once rather than α at a time ({@link ConfirmationWidening}). The paper widens to
     * the k closest only after a round that brings nothing closer, in rounds. Opt-in, not in the
     * defaults: it halves lookup latency under churn, but with it on, KademliaChurnSimTest found
     * 98.997% of the true closest nodes (bar: 99%) and asking confirmations for α contacts instead
     * of k lost some of the true k closest (docs/protocols/kademlia.md, "Where a lookup's time went").
     */
    WIDE_CONFIRMATION
}
