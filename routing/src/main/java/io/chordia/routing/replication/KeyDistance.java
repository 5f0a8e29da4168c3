package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;

/** How far a node is from a key, as a fraction of the id space, in the order the protocol's lookups rank nodes. */
public enum KeyDistance {
    /** Chord: clockwise from the key to the node, so the key's successor is nearest. */
    CLOCKWISE {
        @Override
        public double fraction(NodeId key, NodeId node) {
            return topBits(key.ringDistanceTo(node));
        }

        @Override
        public NodeId between(NodeId key, NodeId node) {
            return key.ringDistanceTo(node);
        }
    },
    /** Kademlia: the XOR of the two ids. */
    XOR {
        @Override
        public double fraction(NodeId key, NodeId node) {
            return topBits(key.xor(node));
        }

        @Override
        public NodeId between(NodeId key, NodeId node) {
            return key.xor(node);
        }
    };

    /** The distance in [0, 1); the low 96 bits are below a double's precision at the scales that matter. */
    public abstract double fraction(NodeId key, NodeId node);

    /**
     * The exact distance from {@code key} to {@code node}, as an unsigned 160-bit number. Both
     * metrics obey {@code d(b, x) >= d(a, x) - d(a, b)}, which {@link RepublishRegions} relies on.
     */
    public abstract NodeId between(NodeId key, NodeId node);

    private static double topBits(NodeId distance) {
        long hi = distance.hiBits();
        // Unsigned 64-bit value over 2^64.
        return ((hi >>> 1) * 2.0 + (hi & 1)) / 0x1p64;
    }
}
