package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropCounter;
import io.chordia.app.share.swarm.DropReason;
import java.util.EnumMap;
import java.util.Map;

/** Counts drops by reason, for tests. */
final class DropTally implements DropCounter {
    private final Map<DropReason, Integer> counts = new EnumMap<>(DropReason.class);

    @Override
    public void dropped(DropReason reason) {
        counts.merge(reason, 1, Integer::sum);
    }

    int count(DropReason reason) {
        return counts.getOrDefault(reason, 0);
    }

    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
