package io.chordia.sim.scenario;

/** Where a scenario's datagrams travel: the simulator in virtual time, or real UDP sockets on 127.0.0.1 in wall time. */
public enum NetworkKind { SIM, UDP }
