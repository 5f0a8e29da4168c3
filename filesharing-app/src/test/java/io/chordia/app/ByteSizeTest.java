package io.chordia.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1258291, 1.2 MiB", "67108864, 64 MiB",
            "1099511627776, 1.0 TiB", "2251799813685248, 2048 TiB"})
    void sizesInOneBinaryFamily(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"412e6, 393 MiB/s", "500, 500 B/s", "0, 0 B/s"})
    void speedsInTheSameFamily(double bytesPerSecond, String text) {
        assertThat(ByteSize.perSecond(bytesPerSecond)).isEqualTo(text);
    }
}
