/**
 * The data plane on top of any {@code OverlayNode}: quorum put/get over the key's replica set
 * (Chord: the successor and the next r-1; Kademlia: the r closest), read repair, periodic repair
 * and hand-off, write tokens and quotas. Node-thread confined.
 */
package io.chordia.routing.replication;
