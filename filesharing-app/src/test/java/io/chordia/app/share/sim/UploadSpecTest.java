package io.chordia.app.share.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UploadSpecTest {
    @Test
    void fixedUniformAndClassesDrawWhatTheySay() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(UploadSpec.parse("fixed:5MB/s").draw(random)).isEqualTo(5_000_000);
        UploadSpec uniform = UploadSpec.parse("uniform:1MB/s-10MB/s");
        UploadSpec classes = UploadSpec.parse("classes:1MiB/s@80%,10MiB/s@20%");
        int fast = 0;
        for (int i = 0; i < 10_000; i++) {
            assertThat(uniform.draw(random)).isBetween(1_000_000L, 10_000_000L);
            long c = classes.draw(random);
            assertThat(c).isIn(1L << 20, 10L << 20);
            fast += c == 10L << 20 ? 1 : 0;
        }
        assertThat(fast).isBetween(1800, 2200);
    }

    @Test
    void aMalformedDistributionSaysWhatIsAccepted() {
        assertThatThrownBy(() -> UploadSpec.parse("lots")).hasMessageContaining("fixed:RATE");
        assertThatThrownBy(() -> UploadSpec.parse("classes:1MB/s@50%,2MB/s@40%")).hasMessageContaining("90 %");
        assertThatThrownBy(() -> UploadSpec.parse("uniform:10MB/s-1MB/s")).hasMessageContaining("LOW <= HIGH");
        assertThatThrownBy(() -> UploadSpec.parse("fixed:5MB")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> ArrivalSpec.parse("poisson:-1")).hasMessageContaining("poisson:RATE");
    }
}
