package io.chordia.routing.chord;

import static io.chordia.core.testing.TestIds.contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Contact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ring checker on hand-built rings: each broken shape is reported, and the ideal ring passes.
 * A live node keeps its lists in order by construction, so these states come from records.
 */
class RingInvariantsTest {
    private static final int R = 3;

    private record Member(Contact self, List<Contact> successors, Contact predecessor, int successorListLength)
            implements RingMember {}

    /** Nodes 1..n (ids ordered like their numbers), each pointing at its next r nodes and previous one. */
    private static List<Member> idealRing(int... numbers) {
        List<Member> ring = new ArrayList<>();
        int n = numbers.length;
        for (int i = 0; i < n; i++) {
            List<Contact> successors = new ArrayList<>();
            for (int k = 1; k <= Math.min(R, n - 1); k++) {
                successors.add(contact(numbers[(i + k) % n]));
            }
            ring.add(new Member(contact(numbers[i]), successors, contact(numbers[(i - 1 + n) % n]), R));
        }
        return ring;
    }

    private static List<Member> replace(List<Member> ring, int number, List<Contact> successors) {
        List<Member> out = new ArrayList<>();
        for (Member m : ring) {
            out.add(m.self().equals(contact(number)) ? new Member(m.self(), successors, m.predecessor(), R) : m);
        }
        return out;
    }

    @Test
    void theIdealRingHasNoViolations() {
        List<Member> ring = idealRing(10, 20, 30, 40, 50, 60);

        assertThat(RingInvariants.violations(ring)).isEmpty();
        assertThat(RingInvariants.idealViolations(ring)).isEmpty();
        assertThat(RingInvariants.rings(ring)).isEqualTo(1);
        assertThat(RingInvariants.wrongSuccessors(ring)).isZero();
    }

    @Test
    void twoRingsAreReported() {
        List<Member> both = new ArrayList<>(idealRing(10, 30, 50));
        both.addAll(idealRing(20, 40, 60));

        assertThat(RingInvariants.rings(both)).isEqualTo(2);
        assertThat(RingInvariants.violations(both)).containsExactly("expected exactly one ring, found 2");
        assertThat(RingInvariants.wrongSuccessors(both)).isEqualTo(6);
        assertThat(RingInvariants.idealViolations(both)).isNotEmpty();
    }

    @Test
    void aRingThatWindsTwiceIsReported() {
        // 10 → 30 → 50 → 20 → 40 → 60 → 10: one cycle, but it goes round the id space twice
        List<Member> ring = new ArrayList<>();
        int[] order = {10, 30, 50, 20, 40, 60};
        for (int i = 0; i < order.length; i++) {
            ring.add(new Member(contact(order[i]), List.of(contact(order[(i + 1) % order.length])), null, R));
        }

        assertThat(RingInvariants.rings(ring)).isEqualTo(1);
        assertThat(RingInvariants.violations(ring)).anySatisfy(v -> assertThat(v).contains("winds 2 times"));
    }

    @Test
    void aGapIsReportedByTheStrongerChecks() {
        // 20 points past 30 at 40: still one ordered ring that 30 merely hangs off, so Zave's
        // invariants hold, but lookups for keys in (20, 30] would go to the wrong node
        List<Member> ring = replace(idealRing(10, 20, 30, 40, 50, 60), 20, List.of(contact(40), contact(50), contact(60)));

        assertThat(RingInvariants.violations(ring)).isEmpty();
        assertThat(RingInvariants.wrongSuccessors(ring)).isEqualTo(1);
        assertThat(RingInvariants.idealViolations(ring)).anySatisfy(v -> assertThat(v).contains("expected"));
    }

    @Test
    void aNodeThatDoesNotReachTheRingIsReported() {
        // 25 is live but its only successor is dead (99 is not among the live nodes)
        List<Member> ring = new ArrayList<>(idealRing(10, 20, 30, 40));
        ring.add(new Member(contact(25), List.of(contact(99)), null, R));

        assertThat(RingInvariants.violations(ring)).anySatisfy(v -> assertThat(v).contains("has no live successor"));
    }

    @Test
    void aMisorderedSuccessorListIsReported() {
        List<Member> ring = replace(idealRing(10, 20, 30, 40, 50), 20, List.of(contact(30), contact(50), contact(40)));

        assertThat(RingInvariants.violations(ring))
                .anySatisfy(v -> assertThat(v).contains("successor list out of order or with duplicates"));
    }

    @Test
    void aSuccessorListWithADuplicateOrItsOwnerIsReported() {
        List<Member> duplicate = replace(idealRing(10, 20, 30, 40, 50), 20, List.of(contact(30), contact(30), contact(40)));
        List<Member> owner = replace(idealRing(10, 20, 30, 40, 50), 20, List.of(contact(30), contact(20)));

        assertThat(RingInvariants.violations(duplicate)).anySatisfy(v -> assertThat(v).contains("out of order"));
        assertThat(RingInvariants.violations(owner)).anySatisfy(v -> assertThat(v).contains("out of order"));
    }

    @Test
    void aWrongPredecessorIsAnIdealViolationOnly() {
        List<Member> ring = new ArrayList<>(idealRing(10, 20, 30, 40));
        Member third = ring.get(2);
        ring.set(2, new Member(third.self(), third.successors(), contact(10), R));

        assertThat(RingInvariants.violations(ring)).isEmpty();
        assertThat(RingInvariants.idealViolations(ring))
                .containsExactly(contact(30) + " has predecessor " + contact(10) + ", expected " + contact(20));
    }
}
