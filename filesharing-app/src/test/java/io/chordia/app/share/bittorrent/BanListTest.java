package io.chordia.app.share.bittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BanListTest {
    private long now;
    private final BanList bans = new BanList(() -> now, Duration.ofMinutes(10), 3);

    @Test
    void aBanLastsItsTermAndThenLifts() {
        bans.ban("10.0.0.1");
        now += Duration.ofMinutes(10).toNanos() - 1;
        assertThat(bans.isBanned("10.0.0.1")).isTrue();
        assertThat(bans.isBanned("10.0.0.2")).isFalse();
        now += 1;
        assertThat(bans.isBanned("10.0.0.1")).isFalse();
        assertThat(bans.size()).isZero();
    }

    @Test
    void pastItsCapacityTheOldestBanGoesFirst() {
        for (int i = 1; i <= 5; i++) {
            bans.ban("10.0.0." + i);
        }
        assertThat(bans.size()).isEqualTo(3);
        assertThat(bans.isBanned("10.0.0.2")).isFalse();
        assertThat(bans.isBanned("10.0.0.3")).isTrue();
        assertThat(bans.isBanned("10.0.0.5")).isTrue();
    }
}
