package io.chordia.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.net.Contact;
import io.chordia.core.testing.TestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspectedNodesTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private static SuspectedNodes suspects(int capacity, Duration retention) {
        return new SuspectedNodes(new SuspectConfig(Duration.ofSeconds(10), capacity, retention));
    }

    private static Contact contact(int i) {
        return new Contact(TestIds.id(i), TestIds.address(i));
    }

    @Test
    void probesEverySuspectInTurn() {
        SuspectedNodes s = suspects(8, Duration.ofHours(1));
        for (int i = 1; i <= 3; i++) {
            s.add(contact(i), 0);
        }
        List<Contact> probed = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            probed.add(s.nextToProbe(MINUTE));
        }
        assertThat(probed).containsExactly(contact(1), contact(2), contact(3), contact(1), contact(2), contact(3));
    }

    @Test
    void aSuspectAddedTwiceKeepsItsPlaceAndRemovedOnesAreNotProbed() {
        SuspectedNodes s = suspects(8, Duration.ofHours(1));
        s.add(contact(1), 0);
        s.add(contact(2), 0);
        s.add(contact(1), MINUTE);
        s.remove(contact(2).id());
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.nextToProbe(MINUTE)).isEqualTo(contact(1));
        assertThat(s.nextToProbe(MINUTE)).isEqualTo(contact(1));
    }

    @Test
    void aFullListDropsTheOldestSuspect() {
        SuspectedNodes s = suspects(2, Duration.ofHours(1));
        s.add(contact(1), 0);
        s.add(contact(2), 1);
        s.add(contact(3), 2);
        assertThat(s.contains(contact(1).id())).isFalse();
        assertThat(s.contains(contact(2).id())).isTrue();
        assertThat(s.contains(contact(3).id())).isTrue();
    }

    @Test
    void suspectsOlderThanTheRetentionAreForgotten() {
        SuspectedNodes s = suspects(8, Duration.ofMinutes(30));
        s.add(contact(1), 0);
        s.add(contact(2), 20 * MINUTE);
        assertThat(s.nextToProbe(31 * MINUTE)).isEqualTo(contact(2));
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.nextToProbe(51 * MINUTE)).isNull();
        assertThat(s.size()).isZero();
    }
}
