package io.chordia.app.share.swarm;

/** Where a fetch counts the peer input it dropped; called on the fetch's node thread. */
@FunctionalInterface
public interface DropCounter {
    void dropped(DropReason reason);

    /**
     * A peer choked us. Not a drop: under tit-for-tat a peer chokes whoever it trades least with
     * every round, so a choke is counted apart and drops keep meaning something went wrong.
     */
    default void choked() { }
}
