package io.chordia.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExternalAddressVotesTest {
    private static final Address OURS = new Address("203.0.113.5", 4000);
    private static final Address ELSEWHERE = new Address("198.18.0.66", 4000);

    private static Address peer(String host) {
        return new Address(host, 4001);
    }

    @Test
    void agreesOnceThresholdDistinctReportersNameTheSameAddress() {
        ExternalAddressVotes votes = ExternalAddressVotes.defaults();
        assertThat(votes.threshold()).isEqualTo(3);
        assertThat(votes.add(peer("192.0.2.1"), OURS)).isTrue();
        assertThat(votes.add(peer("192.0.2.2"), OURS)).isTrue();
        assertThat(votes.agreed()).isNull();
        assertThat(votes.add(peer("192.0.2.3"), OURS)).isTrue();
        assertThat(votes.agreed()).isEqualTo(OURS);
        assertThat(votes.votesFor(OURS)).isEqualTo(3);
    }

    @Test
    void oneHostileReporterCannotDecideHoweverOftenItReports() {
        ExternalAddressVotes votes = ExternalAddressVotes.defaults();
        for (int port = 1; port <= 100; port++) {
            votes.add(new Address("192.0.2.66", port), ELSEWHERE); // one IP, many ports
        }
        assertThat(votes.reporters()).isEqualTo(1);
        assertThat(votes.agreed()).isNull();
    }

    @Test
    void ipv6ReportersCountOncePerSlash64() {
        ExternalAddressVotes votes = ExternalAddressVotes.defaults();
        votes.add(peer("2001:db8:1:2::1"), OURS);
        votes.add(peer("2001:db8:1:2:ffff::9"), OURS);
        votes.add(peer("2001:0db8:0001:0002:0:0:0:77"), OURS);
        assertThat(votes.reporters()).isEqualTo(1);
        assertThat(votes.agreed()).isNull();
        votes.add(peer("2001:db8:1:3::1"), OURS);
        votes.add(peer("2001:db8:1:4::1"), OURS);
        assertThat(votes.agreed()).isEqualTo(OURS);
    }

    @Test
    void aReporterCountsOnceWithItsLatestReport() {
        ExternalAddressVotes votes = ExternalAddressVotes.defaults();
        votes.add(peer("192.0.2.1"), OURS);
        votes.add(peer("192.0.2.2"), OURS);
        votes.add(peer("192.0.2.3"), OURS);
        votes.add(peer("192.0.2.3"), ELSEWHERE); // changed its mind: OURS is down to two
        assertThat(votes.votesFor(OURS)).isEqualTo(2);
        assertThat(votes.votesFor(ELSEWHERE)).isEqualTo(1);
        assertThat(votes.agreed()).isNull();
    }

    @Test
    void aTieIsNoAgreement() {
        ExternalAddressVotes votes = new ExternalAddressVotes(2, 16);
        votes.add(peer("192.0.2.1"), OURS);
        votes.add(peer("192.0.2.2"), OURS);
        votes.add(peer("192.0.2.3"), ELSEWHERE);
        votes.add(peer("192.0.2.4"), ELSEWHERE);
        assertThat(votes.agreed()).isNull();
        votes.add(peer("192.0.2.5"), ELSEWHERE);
        assertThat(votes.agreed()).isEqualTo(ELSEWHERE);
    }

    @Test
    void reportsThatCannotBeRightAreNotCounted() {
        ExternalAddressVotes votes = new ExternalAddressVotes(1, 16);
        Address remote = peer("192.0.2.1");
        assertThat(votes.add(remote, new Address("0.0.0.0", 4000))).isFalse();
        assertThat(votes.add(remote, new Address("::", 4000))).isFalse();
        assertThat(votes.add(remote, new Address("127.0.0.1", 4000))).as("loopback, seen from elsewhere").isFalse();
        assertThat(votes.add(remote, new Address("::1", 4000))).isFalse();
        assertThat(votes.add(remote, new Address("fe80::1", 4000))).as("link-local, seen from off the link").isFalse();
        assertThat(votes.add(remote, new Address("example.org", 4000))).as("a name, not an observation").isFalse();
        assertThat(votes.reporters()).isZero();
        assertThat(votes.agreed()).isNull();
        // Loopback seen from this machine is true, and counts.
        assertThat(votes.add(peer("127.0.0.1"), new Address("127.0.0.1", 4000))).isTrue();
        assertThat(votes.agreed()).isEqualTo(new Address("127.0.0.1", 4000));
    }

    @Test
    void memoryIsBoundedAndTheLeastRecentlyHeardReporterIsForgottenFirst() {
        ExternalAddressVotes votes = new ExternalAddressVotes(3, 4);
        votes.add(peer("192.0.2.1"), OURS);
        votes.add(peer("192.0.2.2"), OURS);
        votes.add(peer("192.0.2.3"), OURS);
        assertThat(votes.agreed()).isEqualTo(OURS);
        votes.add(peer("192.0.2.1"), OURS); // heard again: now the most recent
        for (int i = 10; i < 13; i++) {
            votes.add(peer("192.0.2." + i), ELSEWHERE); // the node moved: new peers see it elsewhere
        }
        assertThat(votes.reporters()).isEqualTo(4);
        assertThat(votes.votesFor(OURS)).as("only the re-heard reporter is left").isEqualTo(1);
        assertThat(votes.agreed()).isEqualTo(ELSEWHERE);
        for (int i = 20; i < 1000; i++) {
            votes.add(peer("10.0." + (i >> 8) + "." + (i & 0xFF)), OURS);
        }
        assertThat(votes.reporters()).isEqualTo(4);
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new ExternalAddressVotes(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalAddressVotes(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
