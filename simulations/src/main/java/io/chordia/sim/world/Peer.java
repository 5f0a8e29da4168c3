package io.chordia.sim.world;

import io.chordia.routing.OverlayNode;
import io.chordia.routing.replication.ReplicatedStorage;

/** One running node of a scenario: the overlay node, its storage (or null without keys), and its host. */
public record Peer(OverlayNode node, ReplicatedStorage storage, Host host) {
    /** Crashes the host and stops the node, as a killed process. */
    public void crash() {
        host.crash().run();
        node.stop();
        if (storage != null) {
            storage.stop();
        }
    }
}
