package io.chordia.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertisedAddressTest {
    private static final Address WILDCARD = new Address("0.0.0.0", 4000);
    private static final Address WILDCARD6 = new Address("::", 4000);
    private static final List<String> GUESSES = List.of("127.0.0.1", "fe80::1", "192.0.2.2", "198.51.100.9");

    @Test
    void advertiseWinsAndIsNeverCorrected() {
        Address given = new Address("203.0.113.5", 5000);
        AdvertisedAddress a = AdvertisedAddress.chosen(given, WILDCARD, GUESSES);
        assertThat(a.address()).isEqualTo(given);
        assertThat(a.learnsFromPeers()).isFalse();
        assertThat(a.correctedBy(new Address("198.51.100.1", 4000), 3)).isSameAs(a);
        assertThatThrownBy(() -> AdvertisedAddress.chosen(new Address("0.0.0.0", 4000), WILDCARD, GUESSES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
    }

    @Test
    void aSpecificBindAddressIsAdvertisedAsIsEvenLoopback() {
        Address bound = new Address("127.0.0.1", 4000);
        AdvertisedAddress a = AdvertisedAddress.chosen(null, bound, GUESSES);
        assertThat(a.address()).isEqualTo(bound);
        assertThat(a.learnsFromPeers()).isFalse();
    }

    @Test
    void onTheWildcardTheFirstRoutableGuessWinsWithTheBoundPort() {
        for (Address wildcard : List.of(WILDCARD, WILDCARD6)) {
            AdvertisedAddress a = AdvertisedAddress.chosen(null, wildcard, GUESSES);
            assertThat(a.address()).isEqualTo(new Address("192.0.2.2", 4000));
            assertThat(a.learnsFromPeers()).isTrue();
        }
        assertThat(AdvertisedAddress.chosen(null, WILDCARD, List.of("0.0.0.0", "::1")).address())
                .as("loopback only when nothing routable is known").isEqualTo(new Address("::1", 4000));
        assertThat(AdvertisedAddress.chosen(null, WILDCARD, List.of()).address()).isEqualTo(new Address("127.0.0.1", 4000));
    }

    @Test
    void bootstrapNodesCorrectAGuessButNeverForSomethingFewerCanReach() {
        AdvertisedAddress guess = AdvertisedAddress.chosen(null, WILDCARD, GUESSES);
        Address outside = new Address("203.0.113.5", 61000);
        AdvertisedAddress corrected = guess.correctedBy(outside, 2);
        assertThat(corrected.address()).isEqualTo(outside);
        assertThat(corrected.reason()).isEqualTo("2 bootstrap nodes see it there");
        assertThat(corrected.learnsFromPeers()).isTrue();
        assertThat(guess.correctedBy(new Address("127.0.0.1", 4000), 1)).as("loopback for a routable guess").isSameAs(guess);
        assertThat(guess.correctedBy(null, 0)).isSameAs(guess);
        AdvertisedAddress lonely = AdvertisedAddress.chosen(null, WILDCARD, List.of());
        assertThat(lonely.correctedBy(new Address("127.0.0.1", 4000), 1)).isSameAs(lonely); // the same address
        assertThat(lonely.correctedBy(outside, 1).address()).isEqualTo(outside);
    }

    @Test
    void mayReplaceNeverNarrowsWhoCanReachTheNode() {
        Address routable = new Address("192.0.2.2", 4000);
        Address loopback = new Address("127.0.0.1", 4000);
        assertThat(AdvertisedAddress.mayReplace(routable, new Address("203.0.113.5", 4000))).isTrue();
        assertThat(AdvertisedAddress.mayReplace(routable, loopback)).isFalse();
        assertThat(AdvertisedAddress.mayReplace(routable, new Address("fe80::1", 4000))).isFalse();
        assertThat(AdvertisedAddress.mayReplace(loopback, routable)).isTrue();
        assertThat(AdvertisedAddress.mayReplace(routable, routable)).isFalse();
        assertThat(AdvertisedAddress.mayReplace(loopback, WILDCARD)).isFalse();
        assertThat(AdvertisedAddress.mayReplace(loopback, new Address("example.org", 4000))).isFalse();
    }

    @Test
    void theWildcardIsNeverAdvertised() {
        assertThatThrownBy(() -> new AdvertisedAddress(WILDCARD6, "bug", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
