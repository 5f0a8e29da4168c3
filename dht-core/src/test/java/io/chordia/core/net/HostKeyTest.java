package io.chordia.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostKeyTest {
    @Test
    void anIpv4HostIsOneKeyWhateverItsPort() {
        assertThat(HostKey.of(new Address("198.51.100.7", 4000))).isEqualTo(HostKey.of(new Address("198.51.100.7", 4001)));
        assertThat(HostKey.of(new Address("198.51.100.7", 4000))).isNotEqualTo(HostKey.of(new Address("198.51.100.8", 4000)));
    }

    @Test
    void anIpv6HostIsItsSlash64() {
        assertThat(HostKey.of(new Address("2001:db8:1:2::7", 1))).isEqualTo(HostKey.of(new Address("2001:db8:1:2:ffff::1", 2)));
        assertThat(HostKey.of(new Address("2001:db8:1:2::7", 1))).isNotEqualTo(HostKey.of(new Address("2001:db8:1:3::7", 1)));
    }

    @Test
    void aHostNameIsItsOwnKey() {
        assertThat(HostKey.of(new Address("node.example.org", 1))).isEqualTo("node.example.org");
    }
}
