package io.chordia.transport.netty;

import io.chordia.core.util.Checks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The protocols a node's TCP port serves, each recognised by its connection preface: the DHT's
 * length-prefixed frames, file transfer, and whatever else registers. A connection goes to the
 * first protocol that says {@link PortProtocol.Verdict#YES}; one that every protocol refuses, or
 * that has not been recognised after {@link #MAX_PREFACE_BYTES} bytes, is closed and counted
 * ({@link #unrecognized()}). Prefaces must therefore be disjoint. Thread-safe: protocols can come
 * and go while the port listens; a connection already handed to a protocol stays with it.
 */
public final class PortProtocols {
    /** The most bytes any protocol may need to recognise its preface (BitTorrent's handshake needs 20). */
    public static final int MAX_PREFACE_BYTES = 64;

    private final List<PortProtocol> protocols = new CopyOnWriteArrayList<>();
    private final LongAdder unrecognized = new LongAdder();

    public void add(PortProtocol protocol) {
        protocols.add(Checks.notNull(protocol, "protocol"));
    }

    /** New connections no longer reach {@code protocol}; those it took stay open. */
    public void remove(PortProtocol protocol) {
        protocols.remove(protocol);
    }

    /** Connections closed because no protocol recognised their first bytes. */
    public long unrecognized() {
        return unrecognized.sum();
    }

    List<PortProtocol> snapshot() {
        return List.copyOf(protocols);
    }

    void countUnrecognized() {
        unrecognized.increment();
    }
}
