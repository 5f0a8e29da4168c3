package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RemoteErrorException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Nodes of the overlay that hold no records: they answered a record request {@code UNSUPPORTED},
 * as a bootstrap node does. Such a node owns a stretch of the ring like any other, so a replica
 * set that counted it would have a replica fewer than it says, for good (repair would keep
 * offering it the record). At most {@link #CAPACITY} are remembered, the oldest forgotten first.
 *
 * <p>Node thread only.
 */
final class StorelessNodes {
    static final int CAPACITY = 256;

    private final LinkedHashSet<NodeId> ids = new LinkedHashSet<>();

    /** Learns from how a record request to {@code node} failed; true if it says the node holds no records. */
    boolean learn(Contact node, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof RemoteErrorException remote) || remote.code() != ErrorCode.UNSUPPORTED) {
            return false;
        }
        if (ids.add(node.id()) && ids.size() > CAPACITY) {
            Iterator<NodeId> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    boolean contains(Contact node) {
        return ids.contains(node.id());
    }

    boolean anyIn(List<Contact> nodes) {
        for (Contact c : nodes) {
            if (contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code nodes} without those that hold no records, in order. */
    List<Contact> without(List<Contact> nodes) {
        if (ids.isEmpty()) {
            return nodes;
        }
        List<Contact> out = new ArrayList<>(nodes.size());
        for (Contact c : nodes) {
            if (!contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
