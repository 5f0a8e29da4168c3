package io.chordia.app.share.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwarmConfigTest {
    @Test
    void theBuilderStartsFromTheDefaultsAndChangesOnlyWhatItIsTold() {
        SwarmConfig c = SwarmConfig.builder().maxPeers(4).stallTimeout(Duration.ofSeconds(9))
                .piecePolicy(PiecePolicy.SEQUENTIAL).build();

        assertThat(c.maxPeers()).isEqualTo(4);
        assertThat(c.stallTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.piecePolicy()).isEqualTo(PiecePolicy.SEQUENTIAL);
        assertThat(c.toBuilder().maxPeers(SwarmConfig.defaults().maxPeers()).stallTimeout(SwarmConfig.defaults().stallTimeout())
                .piecePolicy(PiecePolicy.RAREST).build()).isEqualTo(SwarmConfig.defaults());
    }

    @Test
    void theBuilderValidatesAsTheConstructorDoes() {
        assertThatThrownBy(() -> SwarmConfig.builder().requestWindowCap(0).build()).hasMessageContaining("requestWindowCap");
        assertThatThrownBy(() -> SwarmConfig.builder().requestWindowFloor(17).requestWindowCap(16).build())
                .hasMessageContaining("requestWindowFloor");
        assertThatThrownBy(() -> SwarmConfig.defaults().withStallTimeout(Duration.ZERO)).hasMessageContaining("stallTimeout");
    }
}
