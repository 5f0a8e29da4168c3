package io.chordia.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's main job, in-process on real loopback sockets: every lookup must be right. */
class LoopbackDemoIT {
    @Test
    void peersJoinStoreLookUpAndReadBackBeforeAndAfterKills() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int wrong;
        try (NettyPeerFactory factory = new NettyPeerFactory();
             PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            wrong = new LoopbackDemo(out, 7, 12, 3).run(factory);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertThat(wrong).as(printed).isZero();
        assertThat(printed).contains("peer 11 ").contains("killed ").contains("Every answer was right.");
        assertThat(printed).contains("SHA-256 of the copy equals the original").contains("fetched holiday-video.bin: 32 MiB");
        // 6 lookups and 6 reads before the kills, and again after.
        assertThat(printed.lines().filter(l -> l.contains("✓")).count()).isEqualTo(24);
        assertThat(printed.lines().filter(l -> l.startsWith("  put ") && l.contains(": OK on")).count()).isEqualTo(6);
    }
}
