/**
 * Fetching a content from a swarm of peers: piece selection (rarest first, endgame), block
 * pipelining, verification and banning. One fetch's state lives on one Netty event loop; hashing
 * and disk writes run on worker threads and report back to that loop.
 */
package io.chordia.app.share.swarm;
