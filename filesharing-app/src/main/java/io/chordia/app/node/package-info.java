/**
 * The peer daemon ({@code chordia node}): assembles a Chord or Kademlia node with replicated,
 * persistent storage on a Netty transport, keeps its identity, contacts and records in a data
 * directory, and serves the local control channel. The node runs on its event loop; this package's
 * own code runs on the command's main thread, control threads and the shutdown hook, and reaches
 * the node only through its futures.
 */
package io.chordia.app.node;
