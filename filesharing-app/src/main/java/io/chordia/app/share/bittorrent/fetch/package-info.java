/**
 * Fetching from BitTorrent peers: the outgoing peer-wire session behind the swarm's
 * {@link io.chordia.app.share.swarm.PeerLink} seam, the info dictionary assembled from ut_metadata
 * and checked against the infohash, and {@code .torrent} files. Protocol code like its parent
 * package: no Netty, no clock, no threads; a session is driven by its fetch's node thread.
 */
package io.chordia.app.share.bittorrent.fetch;
