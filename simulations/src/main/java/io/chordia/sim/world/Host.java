package io.chordia.sim.world;

import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;

/** Where one node runs: its transport, its node thread, and how to kill it as a crash would. */
public record Host(int index, Transport transport, Scheduler scheduler, Runnable crash) {}
