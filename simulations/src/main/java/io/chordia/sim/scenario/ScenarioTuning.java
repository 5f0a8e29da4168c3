package io.chordia.sim.scenario;

import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.overlay.KademliaOverlayFactory;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.sim.churn.ChurnStart;
import java.time.Duration;

/**
 * The protocol settings a scenario runs with, and how it measures. Chord stabilizes and refreshes a
 * finger every 5 s and checks its predecessor every 10 s here (the library defaults, 1 s, 0.5 s and
 * 2 s, suit small real networks; at 10,000 simulated nodes they would spend most of the run on
 * maintenance).
 *
 * @param countBytes      encode every simulated datagram to count its real size (costs throughput)
 * @param checkInvariants check Chord's ring invariants every simulated minute
 * @param recordsPerSource the store quota: live records one source host may have stored on a node
 * @param costModel       how a counted datagram's bytes are charged
 * @param consistencyPairs start a twin of every lookup, same key, from another node, and count
 *                        how often the two agree (Bamboo's consistency; the twins add traffic)
 * @param k               Kademlia's k when given ({@code --k}); null for the protocol's own, which
 *                        {@link io.chordia.routing.overlay.KademliaOverlayFactory#withProtocolParameters}
 *                        puts on {@code kademlia} (BEP 5's 8 for mainline)
 * @param churnStart      how long the starting network's nodes have left ({@link ChurnStart})
 * @param keyCensus       how often a {@link io.chordia.sim.metrics.KeyCensus} reads every store, or null for none
 */
public record ScenarioTuning(ChordConfig chord, KademliaConfig kademlia, boolean countBytes, boolean checkInvariants,
                             int udpEventLoops, int recordsPerSource, CostModel costModel,
                             boolean consistencyPairs, Integer k, ChurnStart churnStart,
                             Duration keyCensus) {
    public ScenarioTuning {
        java.util.Objects.requireNonNull(costModel, "costModel");
        java.util.Objects.requireNonNull(churnStart, "churnStart");
        if (recordsPerSource < 1) {
            throw new IllegalArgumentException("--quota must be at least 1, was " + recordsPerSource);
        }
        if (k != null && (k < 1 || k > KademliaConfig.MAX_K)) {
            throw new IllegalArgumentException("--k must be between 1 and " + KademliaConfig.MAX_K + ", was " + k);
        }
        if (keyCensus != null && (keyCensus.isNegative() || keyCensus.isZero())) {
            throw new IllegalArgumentException("--key-census must be positive, was " + keyCensus);
        }
    }

    public static ScenarioTuning defaults() {
        return new ScenarioTuning(ChordConfig.defaults(), KademliaConfig.defaults(), true, true, 2,
                StorageConfig.defaults().maxRecordsPerSource(), CostModel.ENCODED, false, null,
                ChurnStart.STEADY, null).withChordMaintenance(Duration.ofSeconds(5));
    }

    /**
     * Chord stabilizes and refreshes one finger every {@code interval}, and checks its predecessor
     * every two: one knob for the maintenance traffic, as in the Chord paper's churn experiments.
     */
    public ScenarioTuning withChordMaintenance(Duration interval) {
        return withChord(chord.withStabilizeInterval(interval).withFixFingersInterval(interval)
                .withCheckPredecessorInterval(interval.multipliedBy(2)));
    }

    public ScenarioTuning withChord(ChordConfig value) {
        return new ScenarioTuning(value, kademlia, countBytes, checkInvariants, udpEventLoops, recordsPerSource, costModel,
                consistencyPairs, k, churnStart, keyCensus);
    }

    public ScenarioTuning withKademlia(KademliaConfig value) {
        return new ScenarioTuning(chord, value, countBytes, checkInvariants, udpEventLoops, recordsPerSource, costModel,
                consistencyPairs, k, churnStart, keyCensus);
    }

    public ScenarioTuning withCountBytes(boolean value) {
        return new ScenarioTuning(chord, kademlia, value, checkInvariants, udpEventLoops, recordsPerSource, costModel,
                consistencyPairs, k, churnStart, keyCensus);
    }

    public ScenarioTuning withRecordsPerSource(int value) {
        return new ScenarioTuning(chord, kademlia, countBytes, checkInvariants, udpEventLoops, value, costModel,
                consistencyPairs, k, churnStart, keyCensus);
    }

    public ScenarioTuning withCostModel(CostModel value) {
        return new ScenarioTuning(chord, kademlia, countBytes, checkInvariants, udpEventLoops, recordsPerSource, value,
                consistencyPairs, k, churnStart, keyCensus);
    }

    public ScenarioTuning withConsistencyPairs(boolean value) {
        return new ScenarioTuning(chord, kademlia, countBytes, checkInvariants, udpEventLoops, recordsPerSource, costModel,
                value, k, churnStart, keyCensus);
    }

    public ScenarioTuning withK(Integer value) {
        return new ScenarioTuning(chord, kademlia, countBytes, checkInvariants, udpEventLoops, recordsPerSource, costModel,
                consistencyPairs, value, churnStart, keyCensus);
    }

    public ScenarioTuning withChurnStart(ChurnStart value) {
        return new ScenarioTuning(chord, kademlia, countBytes, checkInvariants, udpEventLoops, recordsPerSource, costModel,
                consistencyPairs, k, value, keyCensus);
    }

    public ScenarioTuning withKeyCensus(Duration value) {
        return new ScenarioTuning(chord, kademlia, countBytes, checkInvariants, udpEventLoops, recordsPerSource, costModel,
                consistencyPairs, k, churnStart, value);
    }

    /** The Kademlia configuration of {@code factory}'s nodes: its protocol's parameters, then {@link #k()} if given. */
    public KademliaConfig kademliaFor(KademliaOverlayFactory factory) {
        KademliaConfig config = factory.withProtocolParameters(kademlia);
        return k == null ? config : config.withK(k);
    }
}
