package io.chordia.sim.scenario;

/** Which overlay a scenario runs. */
public enum Protocol { CHORD, KADEMLIA }
