package io.chordia.sim.metrics;

import io.chordia.core.net.Contact;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lookup consistency as Bamboo measures it (Rhea et al., "Handling Churn in a DHT", USENIX 2004):
 * two lookups of the same key started at the same time from different nodes are consistent when
 * they name the same owner. A pair with a failed member is inconsistent; a pair one of whose
 * members never answered (its origin left) is not graded. Called on the scenario's control thread.
 */
public final class LookupConsistency {
    private final Map<Long, Optional<Contact>> firstAnswers = new HashMap<>();
    private long graded;
    private long consistent;

    /** One member of pair {@code pair} finished, naming {@code owner} (empty: it failed). */
    public void answered(long pair, Optional<Contact> owner) {
        Optional<Contact> first = firstAnswers.remove(pair);
        if (first == null) {
            firstAnswers.put(pair, owner);
            return;
        }
        graded++;
        if (first.isPresent() && first.equals(owner)) {
            consistent++;
        }
    }

    public long gradedPairs() {
        return graded;
    }

    /** The fraction of graded pairs that agreed, or null when no pair was graded. */
    public Double rate() {
        return graded == 0 ? null : (double) consistent / graded;
    }
}
