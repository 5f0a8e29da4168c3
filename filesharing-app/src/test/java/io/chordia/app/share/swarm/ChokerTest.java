package io.chordia.app.share.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.sim.VirtualNodeScheduler;
import io.chordia.core.sim.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The choke algorithm's slots, its optimistic rotation and its seed state, stepped in virtual time. */
class ChokerTest {
    private final VirtualScheduler loop = new VirtualScheduler();
    private final VirtualNodeScheduler node = loop.newNodeScheduler("n");
    private final Map<String, Long> downloaded = new HashMap<>();
    private boolean seeding;
    private final Choker choker = new Choker(node, new SplittableRandom(5), ChokePolicy.defaults(),
            host -> downloaded.getOrDefault(host, 0L), () -> seeding);

    private static final class Peer implements Choker.Uploadee {
        final String host;
        boolean interested = true;
        boolean choked;
        final List<String> frames = new ArrayList<>();

        Peer(String host) {
            this.host = host;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public boolean interested() {
            return interested;
        }

        @Override
        public long uploadedBytes() {
            return 0;
        }

        @Override
        public void choke() {
            choked = true;
            frames.add("choke");
        }

        @Override
        public void unchoke() {
            choked = false;
            frames.add("unchoke");
        }
    }

    private List<Peer> peers(int n) {
        List<Peer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Peer p = new Peer("10.0.0." + i);
            p.interested = false;
            choker.added(p);
            out.add(p);
        }
        return out;
    }

    /** Peer i gave us (i + 1) * 1000 bytes more during the round. */
    private void giveRates(List<Peer> ps) {
        for (int i = 0; i < ps.size(); i++) {
            downloaded.merge(ps.get(i).host, (i + 1) * 1000L, Long::sum);
        }
    }

    @Test
    void aNewConnectionStartsChokedAndAnInterestedPeerTakesAFreeSlotAtOnce() {
        List<Peer> ps = peers(7);
        assertThat(ps).allMatch(p -> p.choked && p.frames.equals(List.of("choke")));
        for (Peer p : ps) {
            p.interested = true;
            choker.interestChanged(p);
        }
        // 4 regular slots and the optimistic one: five unchoked before any round, the last two wait.
        assertThat(choker.unchokedHosts()).containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4");
    }

    @Test
    void whileDownloadingTheFourThatGaveMostKeepTheRegularSlotsAndOneMoreIsOptimistic() {
        List<Peer> ps = peers(10);
        for (Peer p : ps) {
            p.interested = true;
        }
        ps.get(9).interested = false; // the fastest, but wants nothing from us
        giveRates(ps);
        choker.rechoke();
        List<String> unchoked = choker.unchokedHosts();
        assertThat(unchoked).hasSize(5).contains("10.0.0.8", "10.0.0.7", "10.0.0.6", "10.0.0.5")
                .doesNotContain("10.0.0.9");
        assertThat(choker.optimisticHost()).isIn("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4")
                .isIn(unchoked);
    }

    @Test
    void theOptimisticUnchokeMovesEveryThirdRoundAndStaysInBetween() {
        List<Peer> ps = peers(20);
        for (Peer p : ps) {
            p.interested = true;
        }
        choker.start();
        List<String> optimistic = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            giveRates(ps.subList(16, 20)); // the same four always give most
            loop.advance(Duration.ofSeconds(10));
            optimistic.add(choker.optimisticHost());
            assertThat(choker.unchokedHosts()).hasSize(5).contains("10.0.0.16", "10.0.0.17", "10.0.0.18", "10.0.0.19");
        }
        for (int round = 0; round < 12; round++) {
            if (round % 3 != 0) {
                assertThat(optimistic.get(round)).as("round %s keeps the optimistic peer", round)
                        .isEqualTo(optimistic.get(round - 1));
            }
        }
        assertThat(new HashSet<>(optimistic)).as("a 30 s turn each, at random among the 16 others").hasSizeGreaterThan(1);
    }

    @Test
    void aSeedRotatesItsSlotsSoEveryInterestedPeerIsServedInTurn() {
        seeding = true;
        List<Peer> ps = peers(12);
        for (Peer p : ps) {
            p.interested = true;
        }
        Set<String> served = new HashSet<>();
        choker.start();
        for (int round = 0; round < 12; round++) {
            downloaded.merge("10.0.0.0", 1_000_000L, Long::sum); // a seed does not rank by what it gets
            loop.advance(Duration.ofSeconds(10));
            served.addAll(choker.unchokedHosts());
            assertThat(choker.unchokedHosts()).hasSizeLessThanOrEqualTo(5);
        }
        assertThat(served).hasSize(12);
    }

    @Test
    void aPeerThatLosesInterestIsChokedAtTheNextRoundAndItsSlotGoesToAnother() {
        List<Peer> ps = peers(6);
        for (Peer p : ps) {
            p.interested = true;
            choker.interestChanged(p);
        }
        assertThat(choker.unchokedHosts()).doesNotContain("10.0.0.5");
        ps.get(0).interested = false;
        choker.interestChanged(ps.get(0));
        choker.rechoke();
        assertThat(ps.get(0).choked).isTrue();
        assertThat(choker.unchokedHosts()).hasSize(5).contains("10.0.0.5");
    }
}
