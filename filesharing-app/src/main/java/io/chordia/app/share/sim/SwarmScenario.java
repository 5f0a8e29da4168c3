package io.chordia.app.share.sim;

import io.chordia.app.share.ManifestLimits;
import io.chordia.app.share.swarm.ChokePolicy;
import io.chordia.app.share.swarm.PiecePolicy;
import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * One simulated swarm.
 *
 * @param leechers    peers that arrive with nothing
 * @param seeds       peers that have everything from time 0 and stay
 * @param size        content bytes
 * @param pieceSize   bytes per piece (a power of two)
 * @param upload      each peer's upload bandwidth (downloads are limited only by what others send)
 * @param latency     one way, on every link
 * @param arrival     when leechers arrive
 * @param picker      the piece order every leecher uses
 * @param choke       every peer's unchoke policy
 * @param connections download links a leecher opens at most (peers it learns of by their
 *                    connecting to it come on top, as candidates)
 * @param seed        master seed: every random choice derives from it
 * @param maxTime     virtual time after which the run stops, finished or not
 * @param sample      between two samples of availability and utilisation
 */
public record SwarmScenario(int leechers, int seeds, long size, int pieceSize, UploadSpec upload, Duration latency,
                            ArrivalSpec arrival, PiecePolicy picker, ChokePolicy choke, int connections, long seed,
                            Duration maxTime, Duration sample) {
    public SwarmScenario {
        Checks.inRange(leechers, 1, 100_000, "leechers");
        Checks.inRange(seeds, 1, 1000, "seeds");
        Checks.check(size > 0 && size <= ManifestLimits.MAX_TOTAL_BYTES, "size must be in (0, %s], was %s",
                ManifestLimits.MAX_TOTAL_BYTES, size);
        Checks.check(pieceSize >= ManifestLimits.MIN_PIECE_SIZE && pieceSize <= ManifestLimits.MAX_PIECE_SIZE
                && Integer.bitCount(pieceSize) == 1, "piece size must be a power of two in [%s, %s]",
                ManifestLimits.MIN_PIECE_SIZE, ManifestLimits.MAX_PIECE_SIZE);
        Checks.check((size + pieceSize - 1) / pieceSize <= ManifestLimits.MAX_PIECES,
                "more than %s pieces: use a larger piece size", ManifestLimits.MAX_PIECES);
        Checks.notNull(upload, "upload");
        Checks.nonNegative(latency, "latency");
        Checks.notNull(arrival, "arrival");
        Checks.notNull(picker, "picker");
        Checks.notNull(choke, "choke");
        Checks.inRange(connections, 1, 200, "connections");
        Checks.positive(maxTime, "maxTime");
        Checks.positive(sample, "sample");
    }

    /** 100 leechers and 1 seed in a flash crowd, 64 MiB in 256 KiB pieces, 1-10 MB/s up, 25 ms. */
    public static SwarmScenario defaults() {
        return new SwarmScenario(100, 1, 64L << 20, 256 << 10, UploadSpec.parse("uniform:1MB/s-10MB/s"),
                Duration.ofMillis(25), ArrivalSpec.FLASH, PiecePolicy.RAREST, ChokePolicy.defaults(), 40, 1,
                Duration.ofHours(4), Duration.ofSeconds(1));
    }

    public SwarmScenario withPicker(PiecePolicy value) {
        return new SwarmScenario(leechers, seeds, size, pieceSize, upload, latency, arrival, value, choke, connections, seed,
                maxTime, sample);
    }

    public int pieces() {
        return (int) ((size + pieceSize - 1) / pieceSize);
    }
}
