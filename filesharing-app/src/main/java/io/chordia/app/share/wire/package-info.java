/**
 * The file-transfer wire protocol over TCP (Netty): frames, the serving side (zero-copy block
 * upload with a limit on concurrent uploads) and the reading side (blocks copied straight into
 * piece buffers), the swarm's {@link io.chordia.app.share.swarm.PeerConnector} over it. Handlers
 * run on their channel's event loop and never block; malformed input is counted under a
 * {@link io.chordia.app.share.swarm.DropReason} and the connection dropped.
 */
package io.chordia.app.share.wire;
