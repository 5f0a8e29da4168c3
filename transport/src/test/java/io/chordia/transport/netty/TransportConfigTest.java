package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportConfigTest {
    @Test
    void defaultsAreValidAndUnfragmentable() {
        TransportConfig c = TransportConfig.defaults();

        assertThat(c.maxDatagramBytes()).isEqualTo(1232);
        assertThat(c.port()).isEqualTo(TransportConfig.DEFAULT_PORT);
        assertThat(c.receiveBufferBytes()).isGreaterThanOrEqualTo(c.maxDatagramBytes());
        assertThat(TransportConfig.loopback().bindHost()).isEqualTo("127.0.0.1");
        assertThat(TransportConfig.loopback().port()).isZero();
    }

    @Test
    void withersChangeOneField() {
        TransportConfig c = TransportConfig.defaults().withPort(5000).withMaxFrameBytes(4096)
                .withIdleTimeout(Duration.ofSeconds(3)).withMaxDatagramBytes(1472);

        assertThat(c.port()).isEqualTo(5000);
        assertThat(c.maxFrameBytes()).isEqualTo(4096);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.maxDatagramBytes()).isEqualTo(1472);
        assertThat(c.connectTimeout()).isEqualTo(TransportConfig.defaults().connectTimeout());
    }

    @Test
    void refusesNonsenseWithAMessageNamingTheField() {
        TransportConfig d = TransportConfig.defaults();

        assertThatThrownBy(() -> d.withPort(70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> d.withMaxDatagramBytes(10)).hasMessageContaining("maxDatagramBytes");
        assertThatThrownBy(() -> d.withMaxDatagramBytes(70000)).hasMessageContaining("maxDatagramBytes");
        assertThatThrownBy(() -> d.withSocketBuffers(100, 1 << 20)).hasMessageContaining("receiveBufferBytes");
        assertThatThrownBy(() -> d.withIdleTimeout(Duration.ZERO)).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> d.withBindHost(" ")).hasMessageContaining("bindHost");
        assertThatThrownBy(() -> d.withMaxFrameBytes(0)).hasMessageContaining("maxFrameBytes");
    }
}
