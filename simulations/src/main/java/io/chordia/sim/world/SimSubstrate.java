package io.chordia.sim.world;

import io.chordia.core.net.Address;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.transport.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/** The in-memory network in virtual time: one thread, deterministic for a seed. */
public final class SimSubstrate implements Substrate {
    private final VirtualScheduler loop = new VirtualScheduler();
    private final SimNetwork network;

    /** {@code sizer}, if not null, measures every datagram's encoded size (it is not decoded again). */
    public SimSubstrate(RandomGenerator random, LinkConditions link, WireCodec sizer) {
        network = new SimNetwork(loop, random, link);
        if (sizer != null) {
            network.countBytesWith(sizer);
        }
    }

    public SimNetwork network() {
        return network;
    }

    public VirtualScheduler loop() {
        return loop;
    }

    /** Node {@code i}'s address: its own /24 (Kademlia limits contacts per subnet), port 4000. */
    public static Address address(int i) {
        return new Address((10 + (i >>> 16)) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF) + ".1", 4000);
    }

    @Override
    public Host newHost(int index) {
        return newHost(index, address(index));
    }

    @Override
    public Host newHost(int index, Address address) {
        SimEndpoint endpoint = network.attach(address);
        return new Host(index, endpoint.transport(), endpoint.scheduler(), endpoint::crash);
    }

    @Override
    public long nowNanos() {
        return loop.nowNanos();
    }

    @Override
    public void at(long atNanos, Runnable task) {
        loop.schedule(Duration.ofNanos(Math.max(0, atNanos - loop.nowNanos())), task);
    }

    @Override
    public Executor control() {
        return Runnable::run;
    }

    @Override
    public void runUntil(long untilNanos) {
        loop.runUntilTime(untilNanos);
    }

    @Override
    public boolean runUntil(BooleanSupplier condition, long maxNanos) {
        return loop.runUntil(condition, Duration.ofNanos(maxNanos));
    }

    @Override
    public long events() {
        return loop.executedEvents();
    }

    @Override
    public long messages() {
        return network.stats().sent();
    }

    @Override
    public long bytes() {
        return network.stats().sentBytes();
    }

    @Override
    public void partition(java.util.Collection<Address> sideA, java.util.Collection<Address> sideB) {
        network.partition(List.of(sideA, sideB));
    }

    @Override
    public void joinSideOf(Address newcomer, Address member) {
        network.joinSideOf(newcomer, member);
    }

    @Override
    public void heal() {
        network.heal();
    }

    @Override
    public boolean singleThreaded() {
        return true;
    }

    @Override
    public void close() {
        // nothing outlives the loop
    }
}
