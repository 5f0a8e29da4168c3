package io.chordia.sim;

import io.chordia.core.net.Contact;
import io.chordia.routing.chord.ChordNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for Chord nodes on real sockets to settle: every successor list exactly the next r live
 * nodes and every predecessor the previous live node. Tests that place data wait for this first, so a
 * put and a later get agree on the replicas; tests that check owners, so that no node still takes a key
 * for its own through a predecessor that has since been replaced (a node owns (predecessor, itself]).
 */
final class IdealSuccessors {
    private IdealSuccessors() {}

    /** Polls until every node's neighbours are the ideal ones, or fails after {@code max}. */
    static void await(List<ChordNode> live, Duration max) throws Exception {
        List<Contact> ring = sorted(live);
        long deadline = System.nanoTime() + max.toNanos();
        List<String> wrong = List.of();
        while (System.nanoTime() < deadline) {
            wrong = new ArrayList<>();
            for (int i = 0; i < ring.size(); i++) {
                ChordNode node = nodeOf(live, ring.get(i));
                int r = Math.min(node.config().successorListLength(), ring.size() - 1);
                List<Contact> expected = new ArrayList<>();
                for (int k = 1; k <= r; k++) {
                    expected.add(ring.get((i + k) % ring.size()));
                }
                List<Contact> predecessors = node.predecessorList().get(5, TimeUnit.SECONDS);
                Contact previous = ring.get((i - 1 + ring.size()) % ring.size());
                if (!node.successorList().get(5, TimeUnit.SECONDS).equals(expected)
                        || predecessors.isEmpty() || !predecessors.get(0).equals(previous)) {
                    wrong.add(node.self().toString());
                }
            }
            if (wrong.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("neighbours not ideal after " + max + ": " + wrong);
    }

    /** The live nodes' contacts in id order. */
    static List<Contact> sorted(List<ChordNode> live) {
        List<Contact> ring = new ArrayList<>();
        live.forEach(n -> ring.add(n.self()));
        ring.sort(Comparator.comparing(Contact::id));
        return ring;
    }

    private static ChordNode nodeOf(List<ChordNode> live, Contact c) {
        return live.stream().filter(n -> n.self().equals(c)).findFirst().orElseThrow();
    }
}
