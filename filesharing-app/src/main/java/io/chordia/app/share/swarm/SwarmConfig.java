package io.chordia.app.share.swarm;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * How a fetch behaves.
 *
 * @param maxPeers          connections one fetch keeps at most
 * @param requestWindow     block requests outstanding per peer (16 KiB each: 64 is 1 MiB in flight)
 * @param maxPiecesInFlight pieces buffered at once (downloading plus verifying): bounds memory
 * @param endgameDuplicates requests for one block at once, in endgame
 * @param commitEvery       verified pieces made durable and journalled together
 * @param connectTimeout    per connection attempt
 * @param stallTimeout      a fetch that verifies nothing for this long fails
 * @param retryPeersAfter   a peer that failed, choked or closed is tried again after this
 * @param progressInterval  between progress reports
 * @param piecePolicy       the order pieces are started in
 */
public record SwarmConfig(int maxPeers, int requestWindow, int maxPiecesInFlight, int endgameDuplicates, int commitEvery,
                          Duration connectTimeout, Duration stallTimeout, Duration retryPeersAfter,
                          Duration progressInterval, PiecePolicy piecePolicy) {
    public SwarmConfig {
        Checks.inRange(maxPeers, 1, 200, "maxPeers");
        Checks.inRange(requestWindow, 1, 4096, "requestWindow");
        Checks.inRange(maxPiecesInFlight, 1, 4096, "maxPiecesInFlight");
        Checks.inRange(endgameDuplicates, 1, 16, "endgameDuplicates");
        Checks.inRange(commitEvery, 1, 1 << 20, "commitEvery");
        Checks.positive(connectTimeout, "connectTimeout");
        Checks.positive(stallTimeout, "stallTimeout");
        Checks.positive(retryPeersAfter, "retryPeersAfter");
        Checks.positive(progressInterval, "progressInterval");
        Checks.notNull(piecePolicy, "piecePolicy");
    }

    /** Rarest first, the order every real fetch uses. */
    public SwarmConfig(int maxPeers, int requestWindow, int maxPiecesInFlight, int endgameDuplicates, int commitEvery,
                       Duration connectTimeout, Duration stallTimeout, Duration retryPeersAfter, Duration progressInterval) {
        this(maxPeers, requestWindow, maxPiecesInFlight, endgameDuplicates, commitEvery, connectTimeout, stallTimeout,
                retryPeersAfter, progressInterval, PiecePolicy.RAREST);
    }

    public static SwarmConfig defaults() {
        return new SwarmConfig(16, 64, 96, 3, 64, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(2),
                Duration.ofMillis(250), PiecePolicy.RAREST);
    }

    public SwarmConfig withStallTimeout(Duration value) {
        return new SwarmConfig(maxPeers, requestWindow, maxPiecesInFlight, endgameDuplicates, commitEvery, connectTimeout,
                value, retryPeersAfter, progressInterval, piecePolicy);
    }

    public SwarmConfig withProgressInterval(Duration value) {
        return new SwarmConfig(maxPeers, requestWindow, maxPiecesInFlight, endgameDuplicates, commitEvery, connectTimeout,
                stallTimeout, retryPeersAfter, value, piecePolicy);
    }

    public SwarmConfig withRequestWindow(int value) {
        return new SwarmConfig(maxPeers, value, maxPiecesInFlight, endgameDuplicates, commitEvery, connectTimeout,
                stallTimeout, retryPeersAfter, progressInterval, piecePolicy);
    }

    public SwarmConfig withMaxPeers(int value) {
        return new SwarmConfig(value, requestWindow, maxPiecesInFlight, endgameDuplicates, commitEvery, connectTimeout,
                stallTimeout, retryPeersAfter, progressInterval, piecePolicy);
    }

    public SwarmConfig withPiecePolicy(PiecePolicy value) {
        return new SwarmConfig(maxPeers, requestWindow, maxPiecesInFlight, endgameDuplicates, commitEvery, connectTimeout,
                stallTimeout, retryPeersAfter, progressInterval, value);
    }
}
