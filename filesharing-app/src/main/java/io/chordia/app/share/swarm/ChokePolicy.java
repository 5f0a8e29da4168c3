package io.chordia.app.share.swarm;

import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * How a partial seeder, and the seed of complete contents to BitTorrent clients, pick whom they upload to ({@link Choker}).
 *
 * @param regularSlots      peers unchoked for what they give back (leecher) or in turn (seed)
 * @param rechokeInterval   between two choke rounds (BitTorrent: 10 s)
 * @param optimisticRounds  rounds an optimistic unchoke lasts before another peer gets it (3: 30 s)
 */
public record ChokePolicy(int regularSlots, Duration rechokeInterval, int optimisticRounds) {
    public ChokePolicy {
        Checks.inRange(regularSlots, 1, 100, "regularSlots");
        Checks.positive(rechokeInterval, "rechokeInterval");
        Checks.inRange(optimisticRounds, 1, 1000, "optimisticRounds");
    }

    /** BitTorrent's: 4 regular slots, a round every 10 s, a new optimistic unchoke every 30 s. */
    public static ChokePolicy defaults() {
        return new ChokePolicy(4, Duration.ofSeconds(10), 3);
    }
}
