package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.List;

/**
 * Where a key's replicas are, as far as this node can tell from its own neighbours without a
 * lookup. Called on the node thread.
 */
@FunctionalInterface
public interface ReplicaPlacement {
    /** The {@code n} replicas of {@code key} (possibly including this node), or an empty list when unsure. */
    List<Contact> localReplicas(NodeId key, int n);

    /** Always unsure: every placement question becomes a lookup. */
    ReplicaPlacement NONE = (key, n) -> List.of();
}
