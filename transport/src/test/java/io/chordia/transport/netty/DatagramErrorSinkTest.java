package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.PortUnreachableException;
import org.junit.jupiter.api.Test;

class DatagramErrorSinkTest {
    private final TransportStats stats = new TransportStats();
    private final EmbeddedChannel channel = new EmbeddedChannel(new DatagramErrorSink(stats));

    @Test
    void socketErrorsCountAsSendFailedAndStopHere() {
        channel.pipeline().fireExceptionCaught(new PortUnreachableException("ICMP port unreachable"));

        assertThatCode(channel::checkException).doesNotThrowAnyException();
        assertThat(stats.dropped(DropReason.SEND_FAILED)).isEqualTo(1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void otherErrorsAreLoggedAndStillStopHere() {
        channel.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));

        assertThatCode(channel::checkException).doesNotThrowAnyException();
        assertThat(stats.droppedTotal()).isZero();
        assertThat(channel.isActive()).isTrue();
    }
}
