package io.chordia.routing.replication;

import static io.chordia.core.testing.TestIds.contact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DepartureWatchTest {
    private final DepartureWatch watch = new DepartureWatch();

    @Test
    void theFirstLookSeesNoDeparture() {
        assertThat(watch.departed(List.of(contact(1), contact(2)), () -> List.of(contact(1), contact(2), contact(3)))).isFalse();
    }

    @Test
    void aNeighbourGoneFromTheWideViewDeparted() {
        watch.departed(List.of(contact(1), contact(2)), () -> List.of(contact(1), contact(2), contact(3)));

        assertThat(watch.departed(List.of(contact(1), contact(3)), () -> List.of(contact(1), contact(3)))).isTrue();
    }

    @Test
    void aNeighbourOnlyPushedOutOfTheNearViewByANewcomerDidNot() {
        watch.departed(List.of(contact(1), contact(2)), () -> List.of(contact(1), contact(2), contact(3)));

        assertThat(watch.departed(List.of(contact(1), contact(9)), () -> List.of(contact(1), contact(9), contact(2)))).isFalse();
    }

    @Test
    void theWideViewIsAskedOnlyWhenSomebodyLeftTheNearOne() {
        watch.departed(List.of(contact(1), contact(2)), () -> List.of(contact(1), contact(2), contact(3)));
        assertThat(watch.departed(List.of(contact(2), contact(1), contact(4)), () -> {
            throw new AssertionError("the same near neighbours, and one more: no need of the wide view");
        })).isFalse();
    }

    @Test
    void aDepartureIsToldOnceAndOnlyNearNeighboursCount() {
        watch.departed(List.of(contact(1), contact(2)), () -> List.of(contact(1), contact(2), contact(3)));
        assertThat(watch.departed(List.of(contact(1)), () -> List.of(contact(1)))).as("2 went").isTrue();
        assertThat(watch.departed(List.of(contact(1)), () -> List.of(contact(1)))).as("told already").isFalse();
        assertThat(watch.departed(List.of(contact(1)), () -> List.of(contact(1), contact(5)))).as("3 was never near").isFalse();
    }
}
