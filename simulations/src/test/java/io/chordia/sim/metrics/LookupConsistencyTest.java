package io.chordia.sim.metrics;

import static io.chordia.core.testing.TestIds.contact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LookupConsistencyTest {
    @Test
    void aPairNamingTwoDifferentOwnersIsCaught() {
        LookupConsistency consistency = new LookupConsistency();

        consistency.answered(1, Optional.of(contact(5)));
        consistency.answered(1, Optional.of(contact(5)));
        consistency.answered(2, Optional.of(contact(5)));
        consistency.answered(2, Optional.of(contact(6)));

        assertThat(consistency.gradedPairs()).isEqualTo(2);
        assertThat(consistency.rate()).isEqualTo(0.5);
    }

    @Test
    void aFailedMemberMakesItsPairInconsistentAndAnUnansweredOneLeavesItUngraded() {
        LookupConsistency consistency = new LookupConsistency();

        assertThat(consistency.rate()).isNull();
        consistency.answered(1, Optional.empty());
        consistency.answered(1, Optional.empty());
        consistency.answered(2, Optional.of(contact(5)));
        consistency.answered(3, Optional.of(contact(7)));
        consistency.answered(3, Optional.empty());

        assertThat(consistency.gradedPairs()).isEqualTo(2);
        assertThat(consistency.rate()).isZero();
    }
}
