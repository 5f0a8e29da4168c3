package io.chordia.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
    @Test
    void parsesHostPortAndIpv6() {
        assertThat(Address.parse("127.0.0.1:4000")).isEqualTo(new Address("127.0.0.1", 4000));
        assertThat(Address.parse("boot.example.org:65535")).isEqualTo(new Address("boot.example.org", 65535));
        Address v6 = Address.parse("[::1]:4000");
        assertThat(v6).isEqualTo(new Address("::1", 4000));
        assertThat(v6.toString()).isEqualTo("[::1]:4000");
        assertThat(Address.parse(v6.toString())).isEqualTo(v6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host:", ":4000", "host:0", "host:65536", "host:port", "a:b:4000",
            "[::1]4000", "ho st:1", "host:-1"})
    void refusesMalformedAddresses(String text) {
        assertThatThrownBy(() -> Address.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void refusesOverlongHosts() {
        assertThatThrownBy(() -> new Address("a".repeat(254), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Address("a".repeat(253), 1).host()).hasSize(253);
    }

    @Test
    void knowsItsIpv4ValueOnlyForCanonicalDottedQuads() {
        assertThat(new Address("192.0.2.1", 1).ipv4()).isEqualTo(0xC0000201L);
        assertThat(new Address("255.255.255.255", 1).ipv4()).isEqualTo(0xFFFFFFFFL);
        assertThat(new Address("0.0.0.0", 1).ipv4()).isZero();
        for (String notCanonical : new String[] {"192.0.2.01", "192.0.2", "192.0.2.1.5", "256.0.0.1", "::1", "example.org", "1.2.3.4a"}) {
            assertThat(new Address(notCanonical, 1).ipv4()).as(notCanonical).isEqualTo(-1);
        }
    }

    @Test
    void equalAddressesAreEqualAndHashAlike() {
        Address a = new Address(new String("10.0.0.1"), 4000);
        Address b = new Address("10.0.0.1", 4000);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Address("10.0.0.1", 4001)).isNotEqualTo(new Address("10.0.0.2", 4000));
    }
}
