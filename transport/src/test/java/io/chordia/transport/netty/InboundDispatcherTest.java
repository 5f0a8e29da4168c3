package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.TransportStats;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundDispatcherTest {
    private final TransportStats stats = new TransportStats();
    private final InboundDispatcher dispatcher = new InboundDispatcher(stats);
    private final EmbeddedChannel channel = new EmbeddedChannel(dispatcher);
    private final Envelope ping = UdpFixtures.inbound(1, new Ping());

    @Test
    void handsEnvelopesToTheHandlerWithTheirSourceAndCountsThem() {
        List<Object> got = new ArrayList<>();
        dispatcher.setHandler((envelope, source) -> {
            got.add(envelope);
            got.add(source);
            got.add(channel.eventLoop().inEventLoop());
        });

        channel.writeInbound(new InboundEnvelope(ping, UdpFixtures.PEER, 40));

        assertThat(got).containsExactly(ping, UdpFixtures.PEER, true);
        assertThat(stats.received()).isEqualTo(1);
        assertThat(stats.receivedBytes()).isEqualTo(40);
    }

    @Test
    void withoutAHandlerTheEnvelopeIsDroppedAsNoHandler() {
        channel.writeInbound(new InboundEnvelope(ping, UdpFixtures.PEER, 40));

        assertThat(stats.received()).isZero();
        assertThat(stats.dropped(DropReason.NO_HANDLER)).isEqualTo(1);
    }

    @Test
    void aThrowingHandlerDoesNotBreakThePipeline() {
        List<Long> got = new ArrayList<>();
        dispatcher.setHandler((envelope, source) -> {
            got.add(envelope.txId());
            throw new IllegalStateException("handler bug");
        });

        channel.writeInbound(new InboundEnvelope(ping, UdpFixtures.PEER, 40));
        channel.writeInbound(new InboundEnvelope(UdpFixtures.inbound(2, new Ping()), UdpFixtures.PEER, 40));

        channel.checkException();
        assertThat(got).containsExactly(1L, 2L);
        assertThat(channel.isActive()).isTrue();
    }
}
