/**
 * Fetching a content from a swarm of peers: piece selection (rarest first, endgame), block
 * pipelining, verification and banning. Protocol code: it reaches the wire only through
 * {@link io.chordia.app.share.swarm.PeerLink} and its events, and time, timers and randomness only
 * through {@link io.chordia.app.share.swarm.SwarmRuntime}. One fetch's state lives on one node
 * thread; hashing and disk writes run on the runtime's workers and report back to it.
 */
package io.chordia.app.share.swarm;
