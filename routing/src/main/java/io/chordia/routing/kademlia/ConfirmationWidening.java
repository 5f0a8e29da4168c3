package io.chordia.routing.kademlia;

/**
 * Decides, during one pass over a lookup path's candidates (closest first), whether the next
 * request is a <em>confirmation</em>: the α closest live candidates have all answered, so the
 * nodes near the key are found and what is left is asking the rest of the k closest whether they
 * are alive. Those requests go out at once instead of α at a time, which takes a lookup from
 * about k/α sequential round trips after the closest node answers to about one. Requests to
 * candidates closer than that answered front still take α slots, so the search for the closest
 * node keeps the paper's pace. A confirmation still asks for k contacts: asking for α (or 10)
 * saved up to 40% of the bytes under churn but lost nodes of the true k closest that only the
 * confirmed nodes knew (the network-size estimate, which reads the k-th distance, fell 20%).
 * One instance per lookup; node thread only.
 *
 * <p>The paper (IPTPS 2002, §2.3) widens to the k closest only after a whole round that brought
 * nothing closer; this is the same idea without rounds, off in {@link KademliaProfile#IPTPS02}.
 */
final class ConfirmationWidening {
    private final int alpha;
    private final boolean enabled;
    private int answeredInFront;
    private boolean frontUnbroken;

    ConfirmationWidening(int alpha, boolean enabled) {
        this.alpha = alpha;
        this.enabled = enabled;
    }

    /** Starts a pass over a path's candidates. */
    void startPass() {
        answeredInFront = 0;
        frontUnbroken = true;
    }

    /** The pass went by a candidate it counts among the path's k closest: answered or not (yet). */
    void passed(boolean answered) {
        if (frontUnbroken && answered) {
            answeredInFront++;
        } else {
            frontUnbroken = false;
        }
    }

    /** Whether a request to the candidate the pass is at now is a confirmation, exempt from α. */
    boolean confirming() {
        return enabled && answeredInFront >= alpha;
    }
}
