/**
 * The share protocol over dht-core's framed streams ({@code StreamTransport}): a
 * {@link io.chordia.app.share.swarm.PeerConnector} for fetchers and a seeder, with the frames of
 * {@code share.wire}. The simulator's wire (over {@code SimStreamNetwork}); runs on the node
 * thread of its transport, with no clock, timer or thread of its own.
 */
package io.chordia.app.share.streams;
