/**
 * Where scenarios run: the simulator (one thread, virtual time) or real UDP sockets on 127.0.0.1,
 * the overlay-specific parts (Chord, Kademlia) and the global membership oracle.
 */
package io.chordia.sim.world;
