package io.chordia.routing;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nodes this node stopped using because they did not answer: evicted successors and
 * predecessors, fingers that failed. A partition looks exactly like their death, so they are
 * probed now and then (the passive list of ring unification, after Shafaat, Ghodsi and Haridi): one that
 * answers again may belong to a ring that grew apart from ours. Bounded in size and age; oldest
 * first, probed round robin. Node-thread confined, deterministic (insertion order only).
 */
public final class SuspectedNodes {
    private record Entry(Contact contact, long suspectedAtNanos) {}

    private final int capacity;
    private final long retentionNanos;
    private final LinkedHashMap<NodeId, Entry> entries = new LinkedHashMap<>();

    public SuspectedNodes(SuspectConfig config) {
        this.capacity = config.capacity();
        this.retentionNanos = config.retention().toNanos();
    }

    /** {@code contact} stopped answering at {@code now}; a node already suspected keeps its place. */
    public void add(Contact contact, long now) {
        if (entries.containsKey(contact.id())) {
            return;
        }
        if (entries.size() == capacity) {
            Iterator<Map.Entry<NodeId, Entry>> oldest = entries.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        entries.put(contact.id(), new Entry(contact, now));
    }

    /** {@code id} answered, or is in use again: no longer suspected. */
    public void remove(NodeId id) {
        entries.remove(id);
    }

    public boolean contains(NodeId id) {
        return entries.containsKey(id);
    }

    public int size() {
        return entries.size();
    }

    /**
     * The next suspect to probe, or null when there is none: forgets those suspected longer than
     * the retention, then takes the head and moves it to the back, so all are probed in turn.
     */
    public Contact nextToProbe(long now) {
        Iterator<Map.Entry<NodeId, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            it.remove();
            if (now - e.suspectedAtNanos() <= retentionNanos) {
                entries.put(e.contact().id(), e);
                return e.contact();
            }
        }
        return null;
    }
}
