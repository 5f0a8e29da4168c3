package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLoggerFactory;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/** The hostile-input test relies on this seeing warnings from our loggers and from Netty's. */
class WarningCaptureTest {
    @Test
    void seesWarningsFromOurLoggersAndNettysButNotDebug() {
        try (WarningCapture capture = WarningCapture.install()) {
            LogManager.getLogger("io.chordia.test").warn("ours");
            LogManager.getLogger("io.chordia.test").debug("quiet");
            InternalLoggerFactory.getInstance("io.netty.test").warn("netty's");

            assertThat(capture.events()).hasSize(2).anyMatch(e -> e.contains("ours")).anyMatch(e -> e.contains("netty's"));
        }
    }
}
