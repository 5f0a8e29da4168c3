package io.chordia.sim.scenario;

import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.kademlia.KademliaConfig;
import java.time.Duration;

/**
 * The protocol settings a scenario runs with, and how it measures. Chord stabilizes every 5 s and
 * refreshes a finger every 5 s here (the library defaults, 1 s and 0.5 s, suit small real
 * networks; at 10,000 simulated nodes they would spend most of the run on maintenance).
 *
 * @param countBytes      encode every simulated datagram to count its real size (costs throughput)
 * @param checkInvariants check Chord's ring invariants every simulated minute
 */
public record ScenarioTuning(ChordConfig chord, KademliaConfig kademlia, boolean countBytes, boolean checkInvariants,
                             int udpEventLoops) {
    public static ScenarioTuning defaults() {
        return new ScenarioTuning(ChordConfig.defaults().withStabilizeInterval(Duration.ofSeconds(5))
                .withFixFingersInterval(Duration.ofSeconds(5)), KademliaConfig.defaults(), true, true, 2);
    }

    public ScenarioTuning withChord(ChordConfig value) {
        return new ScenarioTuning(value, kademlia, countBytes, checkInvariants, udpEventLoops);
    }

    public ScenarioTuning withKademlia(KademliaConfig value) {
        return new ScenarioTuning(chord, value, countBytes, checkInvariants, udpEventLoops);
    }

    public ScenarioTuning withCountBytes(boolean value) {
        return new ScenarioTuning(chord, kademlia, value, checkInvariants, udpEventLoops);
    }
}
