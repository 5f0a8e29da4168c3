package io.chordia.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcConfigTest {
    @Test
    void theBuilderStartsFromTheDefaultsAndSetsByName() {
        RpcConfig config = RpcConfig.builder().maxAttempts(1).recentTxMemory(0).build();

        assertThat(RpcConfig.builder().build()).isEqualTo(RpcConfig.defaults());
        assertThat(config.maxAttempts()).isEqualTo(1);
        assertThat(config.recentTxMemory()).isZero();
        assertThat(config.toBuilder().maxAttempts(3).recentTxMemory(1024).build()).isEqualTo(RpcConfig.defaults());
    }

    @Test
    void aLongerFirstWaitRaisesTheCapUnlessTheCapIsSetAfterIt() {
        RpcConfig raised = RpcConfig.builder().timeout(Duration.ofSeconds(10)).build();

        assertThat(raised.maxTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(RpcConfig.defaults().withTimeout(Duration.ofSeconds(10))).isEqualTo(raised);
        assertThatThrownBy(() -> RpcConfig.builder().timeout(Duration.ofSeconds(10)).maxTimeout(Duration.ofSeconds(1))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTimeout");
    }

    @Test
    void buildValidatesLikeTheConstructor() {
        assertThatThrownBy(() -> RpcConfig.builder().maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RpcConfig.defaults().toBuilder().backoffFactor(0.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoffFactor");
    }
}
