package io.chordia.app.node;

import io.chordia.core.net.Contact;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.kademlia.KademliaNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A read of one overlay's routing state for status and for saving contacts, taken on its node thread. */
abstract class OverlayView {
    /** What was read: a one-line summary, the leaf set, and every distinct contact, nearest first. */
    record Snapshot(String summary, List<Contact> leafSet, List<Contact> contacts) {}

    static OverlayView of(OverlayNode node) {
        if (node instanceof ChordNode chord) {
            return new ChordView(chord);
        }
        if (node instanceof KademliaNode kademlia) {
            return new KademliaView(kademlia);
        }
        throw new IllegalArgumentException("no view of " + node.getClass().getName());
    }

    /** Reads on the node thread; safe from any thread. */
    abstract CompletableFuture<Snapshot> snapshot();

    private static final class ChordView extends OverlayView {
        private final ChordNode node;

        ChordView(ChordNode node) {
            this.node = node;
        }

        @Override
        CompletableFuture<Snapshot> snapshot() {
            return CompletableFuture.supplyAsync(() -> {
                List<Contact> successors = node.successors();
                List<Contact> predecessors = node.predecessors();
                Set<Contact> fingers = new LinkedHashSet<>();
                for (int i = 0; i < io.chordia.core.id.NodeId.BITS; i++) {
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
                String summary = String.format("%d/%d successors, predecessor %s, %d distinct fingers",
                        successors.size(), node.config().successorListLength(),
                        pred == null ? "none" : pred.id().shortId(), fingers.size());
                return new Snapshot(summary, List.copyOf(leaf), List.copyOf(all));
            }, node.rpc().scheduler());
        }
    }

    private static final class KademliaView extends OverlayView {
        private final KademliaNode node;

        KademliaView(KademliaNode node) {
            this.node = node;
        }

        @Override
        CompletableFuture<Snapshot> snapshot() {
            return CompletableFuture.supplyAsync(() -> {
                var table = node.routingTable();
                int nonEmpty = 0;
                for (int i = 0; i < table.bucketSlots(); i++) {
                    nonEmpty += table.slotExists(i) && !table.bucket(i).isEmpty() ? 1 : 0;
                }
                List<Contact> leaf = node.leafSetView().contacts();
                List<Contact> contacts = table.closest(node.self().id(), Math.max(1, table.size()), false);
                String summary = String.format("%d contacts in %d buckets (k = %d), %d in the leaf set",
                        table.size(), nonEmpty, table.k(), leaf.size());
                return new Snapshot(summary, List.copyOf(leaf), List.copyOf(contacts));
            }, node.rpc().scheduler());
        }
    }
}
