package io.chordia.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostKindTest {
    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED", "0:0:0:0:0:0:0:0, UNSPECIFIED",
        "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
        "169.254.7.7, LINK_LOCAL", "fe80::1, LINK_LOCAL",
        "192.0.2.7, IP", "10.0.0.1, IP", "2001:db8::7, IP", "::ffff:192.0.2.7, IP", "169.253.0.1, IP", "128.0.0.1, IP",
        "example.org, NAME", "localhost, NAME", "127.1, NAME", "2001:db8::zz, NAME",
    })
    void classifiesFromTheTextAlone(String host, HostKind kind) {
        assertThat(HostKind.of(host)).isEqualTo(kind);
    }

    @Test
    void reachableFromSaysWhoCanSendThere() {
        Address wildcard = new Address("0.0.0.0", 4000);
        Address loopback = new Address("127.0.0.1", 4000);
        Address public4 = new Address("192.0.2.7", 4000);
        Address linkLocal = new Address("fe80::1", 4000);
        Address localPeer = new Address("127.0.0.2", 5000);
        Address remotePeer = new Address("198.51.100.1", 5000);
        assertThat(HostKind.reachableFrom(wildcard, localPeer)).isFalse();
        assertThat(HostKind.reachableFrom(wildcard, remotePeer)).isFalse();
        assertThat(HostKind.reachableFrom(loopback, localPeer)).isTrue();
        assertThat(HostKind.reachableFrom(loopback, remotePeer)).isFalse();
        assertThat(HostKind.reachableFrom(linkLocal, new Address("fe80::2", 5000))).isTrue();
        assertThat(HostKind.reachableFrom(linkLocal, remotePeer)).isFalse();
        assertThat(HostKind.reachableFrom(public4, localPeer)).isTrue();
        assertThat(HostKind.reachableFrom(public4, remotePeer)).isTrue();
    }
}
