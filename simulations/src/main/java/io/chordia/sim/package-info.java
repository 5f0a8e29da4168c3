/**
 * Experiments on the in-memory network and over real sockets: churn, workloads, metrics and
 * reports. Composition root: it wires routing nodes onto simulated or Netty transports.
 */
package io.chordia.sim;
