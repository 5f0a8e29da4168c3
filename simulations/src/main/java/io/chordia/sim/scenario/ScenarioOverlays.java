package io.chordia.sim.scenario;

import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.overlay.ChordOverlayFactory;
import io.chordia.routing.overlay.KademliaOverlayFactory;
import io.chordia.routing.overlay.OverlayFactory;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.sim.world.ChordOverlay;
import io.chordia.sim.world.KademliaOverlay;
import io.chordia.sim.world.Overlay;

/**
 * The simulator's side of each protocol (its oracle, converged state and invariants), chosen
 * through the protocol's {@link OverlayFactory}: a protocol the simulator cannot judge yet does
 * not compile here, rather than running with another protocol's checks.
 */
final class ScenarioOverlays {
    private ScenarioOverlays() {}

    static Overlay of(ScenarioConfig config, ScenarioTuning tuning, StorageConfig storage) {
        return config.protocol().overlay().accept(new OverlayFactory.Visitor<Overlay>() {
            @Override
            public Overlay chord(ChordOverlayFactory factory) {
                // Each replica set is a key's successor and the nodes after it: the list must reach them.
                ChordConfig chord = tuning.chord().withSuccessorListLength(
                        Math.max(tuning.chord().successorListLength(), config.replicas() + 1));
                return new ChordOverlay(factory, chord, storage);
            }

            @Override
            public Overlay kademlia(KademliaOverlayFactory factory) {
                return new KademliaOverlay(factory, tuning.kademliaFor(factory), storage);
            }
        });
    }
}
