package io.chordia.routing.overlay;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.routing.chord.ChordNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Successors, predecessors and fingers; the leaf set is the successors, then the predecessors. */
final class ChordView implements OverlayView {
    private final ChordNode node;

    ChordView(ChordNode node) {
        this.node = node;
    }

    @Override
    public CompletableFuture<Snapshot> snapshot() {
        return CompletableFuture.supplyAsync(this::read, node.rpc().scheduler());
    }

    @Override
    public int tableSize() {
        return node.successors().size() + node.predecessors().size();
    }

    private Snapshot read() {
        List<Contact> successors = node.successors();
        List<Contact> predecessors = node.predecessors();
        Set<Contact> fingers = new LinkedHashSet<>();
        for (int i = 0; i < NodeId.BITS; i++) {
            Contact f = node.finger(i);
            if (f != null) {
                fingers.add(f);
            }
        }
        Set<Contact> all = new LinkedHashSet<>(successors);
        all.addAll(predecessors);
        all.addAll(fingers);
        all.remove(node.self());
        List<Contact> leaf = new ArrayList<>(successors);
        predecessors.stream().filter(p -> !leaf.contains(p)).forEach(leaf::add);
        leaf.remove(node.self());
        Contact pred = node.predecessor();
        String summary = String.format(Locale.ROOT, "%d/%d successors, predecessor %s, %d distinct fingers",
                successors.size(), node.config().successorListLength(),
                pred == null ? "none" : pred.id().shortId(), fingers.size());
        return new Snapshot(summary, leaf, List.copyOf(all),
                RoutingShape.chord(without(successors), without(predecessors), without(fingers)));
    }

    /** A node alone on its ring is its own successor: pictures leave it out, as the leaf set does. */
    private List<Contact> without(java.util.Collection<Contact> role) {
        return role.stream().filter(c -> !c.equals(node.self())).distinct().toList();
    }
}
