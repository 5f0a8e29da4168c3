/**
 * Simulated swarms ({@code chordia sim swarm}): many peers, each running the real swarm logic
 * ({@code share.swarm}) over the real stream protocol ({@code share.streams}) on
 * {@code SimStreamNetwork} links with a shared uplink per peer, in virtual time on one thread;
 * the scenario, its measurements and the files and charts they are written to.
 */
package io.chordia.app.share.sim;
