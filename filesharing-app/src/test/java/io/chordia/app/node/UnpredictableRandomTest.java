package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The daemon's node and storage draw transaction ids and write-token secrets from a CSPRNG: seeded
 * SplitMix64 streams, as simulations use, would give away every later id from one observed id.
 */
class UnpredictableRandomTest {
    @Test
    void theDaemonsRandomnessIsACsprng() {
        assertThat(PeerDaemon.unpredictableRandom()).isInstanceOf(SecureRandom.class);
        assertThat(PeerDaemon.unpredictableRandom()).isNotSameAs(PeerDaemon.unpredictableRandom());
    }
}
