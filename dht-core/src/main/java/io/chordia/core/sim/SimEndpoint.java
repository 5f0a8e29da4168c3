package io.chordia.core.sim;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.InboundHandler;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.TransportStats;

/**
 * A host on the simulated network. Each incarnation (the first start, then one per
 * {@link #restart()}) has its own {@link Transport}; a crash closes it and discards the node's
 * pending timers, exactly as a killed process loses its memory. What survives a crash is what the
 * node code persisted elsewhere.
 */
public final class SimEndpoint {
    private final SimNetwork network;
    private final Address address;
    private final VirtualNodeScheduler scheduler;
    private SimTransport transport;
    private boolean up = true;
    private int incarnation;

    SimEndpoint(SimNetwork network, Address address, VirtualNodeScheduler scheduler) {
        this.network = network;
        this.address = address;
        this.scheduler = scheduler;
        this.transport = new SimTransport(0);
    }

    public Address address() {
        return address;
    }

    public VirtualNodeScheduler scheduler() {
        return scheduler;
    }

    /** The transport of the current incarnation. */
    public Transport transport() {
        return transport;
    }

    public boolean isUp() {
        return up;
    }

    public int incarnation() {
        return incarnation;
    }

    /** Stops the host at once: no more sending or receiving, and its pending timers never fire. */
    public void crash() {
        if (!up) {
            return;
        }
        up = false;
        transport.closed = true;
        // The network keeps the host for its address; without the handler it no longer keeps the
        // dead node's whole state (tables, stores) for the rest of a churning run.
        transport.handler = null;
        scheduler.kill();
    }

    /** Starts a new incarnation with a fresh transport; the caller builds a new node on it. */
    public void restart() {
        if (up) {
            crash();
        }
        incarnation++;
        transport = new SimTransport(incarnation);
        up = true;
    }

    void deliver(Envelope envelope, Address from) {
        transport.deliver(envelope, from);
    }

    /** Whether the current incarnation still has a receiver registered: tests check a crash drops it. */
    boolean holdsReceiver() {
        return transport.handler != null;
    }

    private final class SimTransport implements Transport {
        private final int incarnation;
        private final TransportStats stats = TransportStats.singleWriter();
        private InboundHandler handler;
        private boolean closed;

        SimTransport(int incarnation) {
            this.incarnation = incarnation;
        }

        @Override
        public void send(Envelope envelope) {
            if (closed) {
                stats.recordDropped(DropReason.SENDER_DOWN);
                return;
            }
            stats.recordSent(0);
            network.send(SimEndpoint.this, envelope);
        }

        void deliver(Envelope envelope, Address from) {
            if (closed || handler == null) {
                stats.recordDropped(DropReason.NO_HANDLER);
                return;
            }
            stats.recordReceived(0);
            handler.onEnvelope(envelope, from);
        }

        @Override
        public void onReceive(InboundHandler inbound) {
            this.handler = inbound;
        }

        @Override
        public Address localAddress() {
            return address;
        }

        @Override
        public TransportStats stats() {
            return stats;
        }

        /** Closing detaches this incarnation; the host stays down until restarted. */
        @Override
        public void close() {
            if (!closed && SimEndpoint.this.transport == this && up) {
                crash();
            }
            closed = true;
        }

        @Override
        public String toString() {
            return "SimTransport[" + address + "#" + incarnation + "]";
        }
    }
}
