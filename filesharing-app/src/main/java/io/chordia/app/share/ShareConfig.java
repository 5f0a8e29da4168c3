package io.chordia.app.share;

import io.chordia.app.share.swarm.SwarmConfig;
import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * How a {@link ShareService} runs.
 *
 * @param bindHost       IP literal the transfer server listens on (and announces)
 * @param bindPort       its port; 0 picks a free one
 * @param pieceSize      for contents this peer shares
 * @param maxUploads     connections uploaded to at once; the next is choked with a reason
 * @param announceTtl    how long a directory keeps an announcement; it is refreshed at a third of it
 * @param idleTimeout    an upload connection idle this long is closed
 * @param ioThreads      Netty event loops (transfers and fetch state)
 * @param workerThreads  hashing and disk writes of fetched pieces
 * @param seedAfterFetch whether a completed fetch is served and announced
 */
public record ShareConfig(String bindHost, int bindPort, int pieceSize, int maxUploads, Duration announceTtl,
                          Duration idleTimeout, int ioThreads, int workerThreads, boolean seedAfterFetch, SwarmConfig swarm) {
    public ShareConfig {
        Checks.notNull(bindHost, "bindHost");
        Checks.inRange(bindPort, 0, 65535, "bindPort");
        Checks.check(Integer.bitCount(pieceSize) == 1 && pieceSize >= ManifestLimits.MIN_PIECE_SIZE
                && pieceSize <= ManifestLimits.MAX_PIECE_SIZE, "pieceSize must be a power of two in [%s, %s], was %s",
                ManifestLimits.MIN_PIECE_SIZE, ManifestLimits.MAX_PIECE_SIZE, pieceSize);
        Checks.inRange(maxUploads, 1, 10_000, "maxUploads");
        Checks.positive(announceTtl, "announceTtl");
        Checks.positive(idleTimeout, "idleTimeout");
        Checks.inRange(ioThreads, 1, 64, "ioThreads");
        Checks.inRange(workerThreads, 1, 64, "workerThreads");
        Checks.notNull(swarm, "swarm");
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static ShareConfig defaults() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new ShareConfig("127.0.0.1", 0, ManifestLimits.DEFAULT_PIECE_SIZE, 8, Duration.ofMinutes(30),
                Duration.ofSeconds(120), cores, cores, true, SwarmConfig.defaults());
    }

    public ShareConfig withBind(String host, int port) {
        return new ShareConfig(host, port, pieceSize, maxUploads, announceTtl, idleTimeout, ioThreads, workerThreads,
                seedAfterFetch, swarm);
    }

    public ShareConfig withMaxUploads(int value) {
        return new ShareConfig(bindHost, bindPort, pieceSize, value, announceTtl, idleTimeout, ioThreads, workerThreads,
                seedAfterFetch, swarm);
    }

    public ShareConfig withThreads(int io, int workers) {
        return new ShareConfig(bindHost, bindPort, pieceSize, maxUploads, announceTtl, idleTimeout, io, workers,
                seedAfterFetch, swarm);
    }

    public ShareConfig withSeedAfterFetch(boolean value) {
        return new ShareConfig(bindHost, bindPort, pieceSize, maxUploads, announceTtl, idleTimeout, ioThreads, workerThreads,
                value, swarm);
    }

    public ShareConfig withSwarm(SwarmConfig value) {
        return new ShareConfig(bindHost, bindPort, pieceSize, maxUploads, announceTtl, idleTimeout, ioThreads, workerThreads,
                seedAfterFetch, value);
    }
}
