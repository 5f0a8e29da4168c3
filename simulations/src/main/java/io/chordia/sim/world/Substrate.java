package io.chordia.sim.world;

import io.chordia.core.net.Address;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * What a scenario runs on: hosts for its nodes, a clock, and a control thread on which scenario
 * events (lookups, churn, the oracle) run one at a time. In the simulator everything shares one
 * thread in virtual time; over UDP nodes run on Netty event loops and time is wall time.
 */
public interface Substrate extends AutoCloseable {
    /** A new host, up, with a fresh transport. Control thread only. */
    Host newHost(int index);

    /** A new host at {@code address} (an attacker's, say); simulator only. Control thread only. */
    default Host newHost(int index, Address address) {
        throw new UnsupportedOperationException("chosen addresses need the simulated network");
    }

    /** Scenario time in nanoseconds since the substrate was made. */
    long nowNanos();

    /** Runs {@code task} on the control thread at scenario time {@code atNanos} (at once if past). */
    void at(long atNanos, Runnable task);

    /** Where callbacks from node threads hop to reach the control thread. */
    Executor control();

    /** Lets time pass up to {@code untilNanos}; called from the driving thread. */
    void runUntil(long untilNanos);

    /** Lets time pass until {@code condition} holds (evaluated on the control thread) or {@code maxNanos} passed. */
    boolean runUntil(BooleanSupplier condition, long maxNanos);

    /** Events run so far (simulator: scheduler events; UDP: datagrams received). */
    long events();

    /** Datagrams sent so far. */
    long messages();

    /** Bytes sent so far (encoded sizes). */
    long bytes();

    /** True when node state may be read directly from the control thread (one thread for all). */
    boolean singleThreaded();

    /**
     * Cuts every link between the two groups; hosts in neither group are on a side of their own.
     * Simulator only.
     */
    default void partition(Collection<Address> sideA, Collection<Address> sideB) {
        throw new UnsupportedOperationException("partitions need the simulated network");
    }

    /** Puts {@code newcomer} on {@code member}'s side of the partition. Simulator only. */
    default void joinSideOf(Address newcomer, Address member) {
        throw new UnsupportedOperationException("partitions need the simulated network");
    }

    /** Ends the partition. Simulator only. */
    default void heal() {
        throw new UnsupportedOperationException("partitions need the simulated network");
    }

    @Override
    void close();
}
