package io.chordia.routing.kademlia;

/**
 * Decides, during one pass over a lookup path's candidates (closest first), whether the next
 * request is a <em>confirmation</em>: the α closest live candidates have all answered, so the
 * nodes near the key are found and what is left is asking the rest of the k closest whether they
 * are alive. Those requests go out at once instead of α at a time, which takes a lookup from
 * about k/α sequential round trips after the closest node answers to about one. Requests to
 * candidates closer than that answered front still take α slots, so the search for the closest
 * node keeps the paper's pace. A confirmation asks for only α contacts: the node is asked to
 * say whether it is alive and whether it knows anyone closer than the front, and its α closest
 * answer that; twenty contacts per reply were most of a lookup's bytes. One instance per
 * lookup; node thread only.
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

    /** How many contacts a request asks for: k, or α for a confirmation. */
    int contactsToAsk(boolean confirming, int k) {
        return confirming ? Math.min(alpha, k) : k;
    }

    /** Whether a request to the candidate the pass is at now is a confirmation, exempt from α. */
    boolean confirming() {
        return enabled && answeredInFront >= alpha;
    }
}
