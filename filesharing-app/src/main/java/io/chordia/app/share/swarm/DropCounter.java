package io.chordia.app.share.swarm;

/** Where a fetch counts the peer input it dropped; called on the fetch's node thread. */
@FunctionalInterface
public interface DropCounter {
    void dropped(DropReason reason);
}
