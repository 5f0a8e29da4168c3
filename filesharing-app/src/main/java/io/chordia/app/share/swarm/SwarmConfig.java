package io.chordia.app.share.swarm;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * How a fetch behaves.
 *
 * @param maxPeers           connections one fetch keeps at most
 * @param requestWindowFloor block requests in flight on a link at first and at least ({@link RequestWindow}; 16 KiB each)
 * @param requestWindowCap   block requests in flight on a link at most, whatever its rate (bounds memory and cancels)
 * @param requestQueueTime   how much of a link's measured delivery rate is kept requested ahead
 * @param maxPiecesInFlight  pieces buffered at once (downloading plus verifying): bounds memory
 * @param endgameDuplicates  requests for one block at once, in endgame
 * @param commitEvery        verified pieces made durable and journalled together
 * @param connectTimeout     per connection attempt
 * @param stallTimeout       a fetch that verifies nothing for this long fails
 * @param retryPeersAfter    a peer that failed, choked or closed is tried again after this
 * @param progressInterval   between progress reports
 * @param piecePolicy        the order pieces are started in
 */
public record SwarmConfig(int maxPeers, int requestWindowFloor, int requestWindowCap, Duration requestQueueTime,
                          int maxPiecesInFlight, int endgameDuplicates, int commitEvery,
                          Duration connectTimeout, Duration stallTimeout, Duration retryPeersAfter,
                          Duration progressInterval, PiecePolicy piecePolicy) {
    public SwarmConfig {
        Checks.inRange(maxPeers, 1, 200, "maxPeers");
        Checks.inRange(requestWindowCap, 1, 4096, "requestWindowCap");
        Checks.inRange(requestWindowFloor, 1, requestWindowCap, "requestWindowFloor");
        Checks.positive(requestQueueTime, "requestQueueTime");
        Checks.inRange(maxPiecesInFlight, 1, 4096, "maxPiecesInFlight");
        Checks.inRange(endgameDuplicates, 1, 16, "endgameDuplicates");
        Checks.inRange(commitEvery, 1, 1 << 20, "commitEvery");
        Checks.positive(connectTimeout, "connectTimeout");
        Checks.positive(stallTimeout, "stallTimeout");
        Checks.positive(retryPeersAfter, "retryPeersAfter");
        Checks.positive(progressInterval, "progressInterval");
        Checks.notNull(piecePolicy, "piecePolicy");
    }

    /**
     * Rarest first, 16 peers; per link 16 requests at first, then 3 s of its rate, at most 1,024
     * (16 MiB in flight); 96 pieces buffered, 3 endgame duplicates.
     */
    public static SwarmConfig defaults() {
        return new SwarmConfig(16, 16, 1024, Duration.ofSeconds(3), 96, 3, 64, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofMillis(250), PiecePolicy.RAREST);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public SwarmConfig withStallTimeout(Duration value) {
        return toBuilder().stallTimeout(value).build();
    }

    public SwarmConfig withProgressInterval(Duration value) {
        return toBuilder().progressInterval(value).build();
    }

    /** The same {@code blocks} in flight on every link, whatever its rate (floor = cap). */
    public SwarmConfig withFixedRequestWindow(int blocks) {
        return toBuilder().requestWindowFloor(blocks).requestWindowCap(blocks).build();
    }

    public SwarmConfig withMaxPeers(int value) {
        return toBuilder().maxPeers(value).build();
    }

    public SwarmConfig withPiecePolicy(PiecePolicy value) {
        return toBuilder().piecePolicy(value).build();
    }

    /** Named settings instead of twelve positional ones; {@link #build()} validates as the constructor does. */
    public static final class Builder {
        private int maxPeers;
        private int requestWindowFloor;
        private int requestWindowCap;
        private Duration requestQueueTime;
        private int maxPiecesInFlight;
        private int endgameDuplicates;
        private int commitEvery;
        private Duration connectTimeout;
        private Duration stallTimeout;
        private Duration retryPeersAfter;
        private Duration progressInterval;
        private PiecePolicy piecePolicy;

        private Builder(SwarmConfig from) {
            maxPeers = from.maxPeers;
            requestWindowFloor = from.requestWindowFloor;
            requestWindowCap = from.requestWindowCap;
            requestQueueTime = from.requestQueueTime;
            maxPiecesInFlight = from.maxPiecesInFlight;
            endgameDuplicates = from.endgameDuplicates;
            commitEvery = from.commitEvery;
            connectTimeout = from.connectTimeout;
            stallTimeout = from.stallTimeout;
            retryPeersAfter = from.retryPeersAfter;
            progressInterval = from.progressInterval;
            piecePolicy = from.piecePolicy;
        }

        public Builder maxPeers(int value) {
            maxPeers = value;
            return this;
        }

        public Builder requestWindowFloor(int value) {
            requestWindowFloor = value;
            return this;
        }

        public Builder requestWindowCap(int value) {
            requestWindowCap = value;
            return this;
        }

        public Builder requestQueueTime(Duration value) {
            requestQueueTime = value;
            return this;
        }

        public Builder maxPiecesInFlight(int value) {
            maxPiecesInFlight = value;
            return this;
        }

        public Builder endgameDuplicates(int value) {
            endgameDuplicates = value;
            return this;
        }

        public Builder commitEvery(int value) {
            commitEvery = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder stallTimeout(Duration value) {
            stallTimeout = value;
            return this;
        }

        public Builder retryPeersAfter(Duration value) {
            retryPeersAfter = value;
            return this;
        }

        public Builder progressInterval(Duration value) {
            progressInterval = value;
            return this;
        }

        public Builder piecePolicy(PiecePolicy value) {
            piecePolicy = value;
            return this;
        }

        public SwarmConfig build() {
            return new SwarmConfig(maxPeers, requestWindowFloor, requestWindowCap, requestQueueTime, maxPiecesInFlight,
                    endgameDuplicates, commitEvery, connectTimeout, stallTimeout, retryPeersAfter, progressInterval, piecePolicy);
        }
    }
}
