package io.chordia.routing.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Notify;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A notify is only a proposal: the notifier becomes a predecessor once it has answered us. A
 * forged notify, from an address whose owner never answers, must not make that address our
 * predecessor, or every node stabilizing through us would be steered at it.
 */
class ChordForgedNotifySimTest {
    private static final LinkConditions LINK = LinkConditions.ideal(Duration.ofMillis(10));

    @Test
    void aNotifierThatNeverAnswersIsNotAdoptedNorHandedToOtherNodes() {
        ChordSim chord = new ChordSim(21, LINK, ChordConfig.defaults());
        List<ChordNode> ring = chord.convergedRing(16, true);
        ChordNode target = ring.get(3);
        Contact predecessor = onNodeThread(chord, target, target::predecessor);
        Contact victim = new Contact(predecessor.id().plus(NodeId.of(0, 0, 1)), TestIds.address(950));
        assertThat(victim.id().isInOpenOpen(predecessor.id(), target.self().id())).as("a better predecessor by id").isTrue();
        SimEndpoint silent = chord.sim.network.attach(victim.address());
        List<Address> heardFrom = new ArrayList<>();
        silent.transport().onReceive((envelope, source) -> heardFrom.add(source));

        for (int i = 0; i < 5; i++) {
            silent.transport().send(new Envelope(100 + i, victim, target.self().address(), new Notify()));
            chord.run(Duration.ofSeconds(2));
        }
        chord.run(Duration.ofSeconds(30));

        assertThat(onNodeThread(chord, target, target::predecessor)).as("the predecessor stays").isEqualTo(predecessor);
        assertThat(heardFrom).as("only the notified node asked the victim anything").isNotEmpty()
                .allMatch(target.self().address()::equals);
    }

    @Test
    void aNotifierThatAnswersIsAdopted() {
        ChordSim chord = new ChordSim(22, LINK, ChordConfig.defaults());
        List<ChordNode> ring = chord.convergedRing(16, true);
        ChordNode target = ring.get(3);
        Contact predecessor = onNodeThread(chord, target, target::predecessor);
        ChordNode newcomer = chord.newNode(predecessor.id().plus(NodeId.of(0, 0, 1)));
        java.util.concurrent.CompletableFuture<Void> joined = newcomer.join(List.of(target.self().address()));
        chord.sim.runUntil(joined::isDone, Duration.ofMinutes(1), "join");
        chord.run(Duration.ofSeconds(30));

        assertThat(onNodeThread(chord, target, target::predecessor)).isEqualTo(newcomer.self());
    }

    private static <T> T onNodeThread(ChordSim chord, ChordNode node, java.util.function.Supplier<T> read) {
        List<T> out = new ArrayList<>();
        node.scheduler().execute(() -> out.add(read.get()));
        chord.run(Duration.ofMillis(1));
        return out.get(0);
    }
}
