/**
 * The deterministic in-memory world: a virtual-time event loop, per-node schedulers, and a
 * network with delay, loss, duplication, reordering, partitions and crashes. Single-threaded: the
 * thread that drives the {@code VirtualScheduler} runs every node.
 */
package io.chordia.core.sim;
