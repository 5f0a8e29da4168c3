package io.chordia.routing.overlay;

import io.chordia.core.net.Contact;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.kademlia.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** The k-buckets and the leaf set. */
final class KademliaView implements OverlayView {
    private final KademliaNode node;

    KademliaView(KademliaNode node) {
        this.node = node;
    }

    @Override
    public CompletableFuture<Snapshot> snapshot() {
        return CompletableFuture.supplyAsync(this::read, node.rpc().scheduler());
    }

    @Override
    public int tableSize() {
        return node.routingTable().size();
    }

    private Snapshot read() {
        RoutingTable table = node.routingTable();
        int nonEmpty = 0;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < table.bucketSlots(); i++) {
            int size = table.slotExists(i) ? table.bucket(i).size() : 0;
            nonEmpty += size > 0 ? 1 : 0;
            sizes.add(size);
        }
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == 0) {
            sizes.remove(sizes.size() - 1);
        }
        List<Contact> leaf = node.leafSetView().contacts();
        List<Contact> contacts = table.closest(node.self().id(), Math.max(1, table.size()), false);
        String summary = String.format(Locale.ROOT, "%d contacts in %d buckets (k = %d), %d in the leaf set",
                table.size(), nonEmpty, table.k(), leaf.size());
        return new Snapshot(summary, leaf, contacts, RoutingShape.kademlia(sizes));
    }
}
