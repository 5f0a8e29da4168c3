package io.chordia.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplySourcesTest {
    private static boolean matches(String calledAt, String source) {
        return ReplySources.matches(Address.parse(calledAt), Address.parse(source));
    }

    @Test
    void theAddressCalledAnswers() {
        assertThat(matches("192.0.2.7:4000", "192.0.2.7:4000")).isTrue();
        assertThat(matches("[2001:db8::7]:4000", "[2001:db8::7]:4000")).isTrue();
        assertThat(matches("node-7.sim:4000", "node-7.sim:4000")).isTrue();
    }

    @Test
    void anotherPortOrHostDoesNot() {
        assertThat(matches("192.0.2.7:4000", "192.0.2.7:4001")).isFalse();
        assertThat(matches("192.0.2.7:4000", "192.0.2.8:4000")).isFalse();
        assertThat(matches("[2001:db8::7]:4000", "[2001:db8::8]:4000")).isFalse();
        assertThat(matches("node-7.sim:4000", "node-8.sim:4000")).isFalse();
    }

    @Test
    void oneSocketWrittenTwoWaysAnswers() {
        assertThat(matches("[::ffff:192.0.2.7]:4000", "192.0.2.7:4000")).isTrue();
        assertThat(matches("[2001:DB8:0:0:0:0:0:7]:4000", "[2001:db8::7]:4000")).isTrue();
        assertThat(matches("[::ffff:192.0.2.7]:4000", "192.0.2.8:4000")).isFalse();
    }

    @Test
    void aCallToTheUnspecifiedAddressIsAnsweredFromLoopbackOnly() {
        assertThat(matches("0.0.0.0:4000", "127.0.0.1:4000")).isTrue();
        assertThat(matches("[::]:4000", "[::1]:4000")).isTrue();
        assertThat(matches("0.0.0.0:4000", "192.0.2.7:4000")).isFalse();
        assertThat(matches("0.0.0.0:4000", "127.0.0.1:4001")).isFalse();
    }

    @Test
    void aNameIsNeverResolvedToMatchAnIp() {
        assertThat(matches("localhost:4000", "127.0.0.1:4000")).isFalse();
        assertThat(matches("127.0.0.1:4000", "localhost:4000")).isFalse();
    }
}
