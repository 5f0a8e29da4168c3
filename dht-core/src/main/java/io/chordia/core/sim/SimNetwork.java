package io.chordia.core.sim;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.util.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The deterministic in-memory network: endpoints attached by address exchange envelopes through
 * links with delay, loss, duplication and reordering; partitions cut links; endpoints crash and
 * restart. Every random draw comes from one generator in a fixed order, and events run on one
 * {@link VirtualScheduler}, so the same seed gives the same run (see {@link #trace()}).
 *
 * <p>Envelopes travel as objects (they are immutable). With {@link #useCodec} they are encoded
 * and decoded on the way, which counts real bytes and exercises the wire format.
 */
public final class SimNetwork {
    static final int SENT = 1;
    static final int DELIVERED = 2;
    static final int DROPPED = 3;

    private final VirtualScheduler loop;
    private final RandomGenerator random;
    private LinkConditions defaultLink;
    private final Map<Address, SimEndpoint> endpoints = new HashMap<>();
    private final Map<Link, LinkConditions> linkOverrides = new HashMap<>();
    private final Map<Address, Integer> partitionGroup = new HashMap<>();
    private final Set<Link> blockedLinks = new HashSet<>();
    private final TransportStats stats = TransportStats.singleWriter();
    private final EventTrace trace = new EventTrace();
    private final List<NetworkListener> listeners = new ArrayList<>();
    private WireCodec codec;
    private WireCodec sizer;

    public SimNetwork(VirtualScheduler loop, RandomGenerator random, LinkConditions defaultLink) {
        this.loop = Checks.notNull(loop, "loop");
        this.random = Checks.notNull(random, "random");
        this.defaultLink = Checks.notNull(defaultLink, "defaultLink");
    }

    public VirtualScheduler loop() {
        return loop;
    }

    /** Attaches a new endpoint at {@code address}, up, with its own node scheduler. */
    public SimEndpoint attach(Address address) {
        Checks.check(!endpoints.containsKey(address), "an endpoint is already attached at %s", address);
        SimEndpoint endpoint = new SimEndpoint(this, address, loop.newNodeScheduler(address.toString()));
        endpoints.put(address, endpoint);
        return endpoint;
    }

    /** The endpoint at {@code address}, or {@code null}. */
    public SimEndpoint endpoint(Address address) {
        return endpoints.get(address);
    }

    public int endpointCount() {
        return endpoints.size();
    }

    /** Encode and decode every envelope with {@code wireCodec} (null to pass objects through). */
    public void useCodec(WireCodec wireCodec) {
        this.codec = wireCodec;
    }

    /**
     * Counts each envelope's encoded size with {@code wireCodec}'s {@link WireCodec#encodedLength}
     * (a codec that sizes without writing makes this far cheaper than {@link #useCodec}): real byte
     * counts without the round trip. Ignored while a codec is in use.
     */
    public void countBytesWith(WireCodec wireCodec) {
        this.sizer = wireCodec;
    }

    public void addListener(NetworkListener listener) {
        listeners.add(Checks.notNull(listener, "listener"));
    }

    public void setDefaultLink(LinkConditions conditions) {
        this.defaultLink = Checks.notNull(conditions, "conditions");
    }

    /** Overrides the conditions of the one-way link {@code from → to}. */
    public void setLink(Address from, Address to, LinkConditions conditions) {
        linkOverrides.put(new Link(from, to), Checks.notNull(conditions, "conditions"));
    }

    /**
     * Splits the network: endpoints in different groups cannot reach each other; endpoints in
     * no group form one more group together. Replaces any earlier partition.
     */
    public void partition(Collection<? extends Collection<Address>> groups) {
        partitionGroup.clear();
        int g = 1;
        for (Collection<Address> group : groups) {
            for (Address a : group) {
                partitionGroup.put(a, g);
            }
            g++;
        }
    }

    /**
     * Puts {@code newcomer} on {@code member}'s side of the current partition: a node that joins
     * through {@code member} while the network is split belongs where it could reach.
     */
    public void joinSideOf(Address newcomer, Address member) {
        Integer group = partitionGroup.get(member);
        if (group != null) {
            partitionGroup.put(newcomer, group);
        } else {
            partitionGroup.remove(newcomer);
        }
    }

    /** Cuts the one-way link {@code from → to} (an asymmetric partition). */
    public void block(Address from, Address to) {
        blockedLinks.add(new Link(from, to));
    }

    /** Removes every partition and blocked link. */
    public void heal() {
        partitionGroup.clear();
        blockedLinks.clear();
    }

    /** Network-wide traffic: datagrams sent, delivered (received) and dropped by reason. */
    public TransportStats stats() {
        return stats;
    }

    public EventTrace trace() {
        return trace;
    }

    void send(SimEndpoint from, Envelope envelope) {
        Address to = envelope.recipient();
        int bytes = 0;
        Envelope onWire = envelope;
        if (codec != null) {
            byte[] encoded = codec.encode(envelope);
            bytes = encoded.length;
            try {
                onWire = codec.decode(encoded, 0, encoded.length, from.address(), to);
            } catch (MalformedMessageException e) {
                throw new IllegalStateException("codec cannot decode what it encoded: " + envelope, e);
            }
        } else if (sizer != null) {
            bytes = sizer.encodedLength(envelope);
        }
        stats.recordSent(bytes);
        trace.record(SENT, loop.nowNanos(), from.address(), envelope);
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onSent(envelope, from.address(), bytes);
        }
        if (isCut(from.address(), to)) {
            drop(from.address(), envelope, DropReason.PARTITIONED);
            return;
        }
        LinkConditions link = linkOverrides.isEmpty() ? defaultLink
                : linkOverrides.getOrDefault(new Link(from.address(), to), defaultLink);
        if (link.loss() > 0 && random.nextDouble() < link.loss()) {
            drop(from.address(), envelope, DropReason.LOSS);
            return;
        }
        scheduleDelivery(from.address(), onWire, bytes, link);
        if (link.duplication() > 0 && random.nextDouble() < link.duplication()) {
            scheduleDelivery(from.address(), onWire, bytes, link);
        }
    }

    private boolean isCut(Address from, Address to) {
        if (!blockedLinks.isEmpty() && blockedLinks.contains(new Link(from, to))) {
            return true;
        }
        if (partitionGroup.isEmpty()) {
            return false;
        }
        return !partitionGroup.getOrDefault(from, 0).equals(partitionGroup.getOrDefault(to, 0));
    }

    private void scheduleDelivery(Address from, Envelope envelope, int bytes, LinkConditions link) {
        long delay = link.latency().sampleNanos(random);
        if (link.reordering() > 0 && random.nextDouble() < link.reordering()) {
            long window = link.reorderWindow().toNanos();
            delay += window == 0 ? 0 : random.nextLong(window + 1);
        }
        loop.enqueue(new Delivery(from, envelope, bytes, loop.nowNanos() + delay));
    }

    /** A datagram in flight: the event and its data in one object. */
    private final class Delivery extends VirtualScheduler.Event {
        private final Address from;
        private final Envelope envelope;
        private final int bytes;

        Delivery(Address from, Envelope envelope, int bytes, long dueNanos) {
            super(dueNanos);
            this.from = from;
            this.envelope = envelope;
            this.bytes = bytes;
        }

        @Override
        void fire() {
            deliver(from, envelope, bytes);
        }
    }

    private void deliver(Address from, Envelope envelope, int bytes) {
        SimEndpoint to = endpoints.get(envelope.recipient());
        if (to == null || !to.isUp()) {
            drop(from, envelope, DropReason.DESTINATION_DOWN);
            return;
        }
        stats.recordReceived(bytes);
        trace.record(DELIVERED, loop.nowNanos(), from, envelope);
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onDelivered(envelope, from, bytes);
        }
        to.deliver(envelope, from);
    }

    void drop(Address from, Envelope envelope, DropReason reason) {
        stats.recordDropped(reason);
        trace.record(DROPPED * 100 + reason.ordinal(), loop.nowNanos(), from, envelope);
        for (NetworkListener l : listeners) {
            l.onDropped(envelope, from, reason);
        }
    }

    Duration now() {
        return loop.now();
    }

    private record Link(Address from, Address to) {}
}
