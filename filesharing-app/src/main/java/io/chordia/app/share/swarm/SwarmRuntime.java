package io.chordia.app.share.swarm;

import io.chordia.core.time.Scheduler;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What a fetch runs on, given by its owner: the node thread and its clock and timers
 * ({@code scheduler}), {@code workers} for hashing and disk writes (they report back through the
 * scheduler; the simulator runs them inline), the links to peers, the piece buffers, the fetch's
 * own random stream, and where dropped input is counted.
 */
public record SwarmRuntime(Scheduler scheduler, Executor workers, PeerConnector connector, PieceBuffers buffers,
                           RandomGenerator random, DropCounter drops) {
}
