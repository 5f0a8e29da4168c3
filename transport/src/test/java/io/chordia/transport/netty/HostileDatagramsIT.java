package io.chordia.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.transport.TransportStats;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 hostile datagrams at a live node (transport, codec and RPC endpoint) from a plain
 * socket. Nothing escapes the pipeline, memory stays flat, every datagram is accounted for as
 * received or dropped under a reason, and the node still answers a ping afterwards.
 *
 * <p>Loss is ruled out, not tolerated: the sender keeps at most {@link #WINDOW} datagrams of at
 * most {@link HostileDatagrams#MAX_LENGTH} bytes unaccounted for, far below the receive buffer, and
 * loopback drops nothing else. So the accounting is exact.
 */
class HostileDatagramsIT {
    private static final int DATAGRAMS = 100_000;
    private static final int WINDOW = 64;
    private static final long HEAP_SLACK_BYTES = 32L << 20;
    private static final long DIRECT_SLACK_BYTES = 16L << 20;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void garbageIsCountedAndDroppedAndTheNodeStillAnswers() throws Exception {
        try (WarningCapture warnings = WarningCapture.install();
             NettyUdpTransport node = NettyUdpTransport.start(TransportConfig.loopback().withSocketBuffers(4 << 20, 1 << 20));
             DatagramChannel attacker = DatagramChannel.open()) {
            Contact self = new Contact(NodeId.sha1Of("node"), node.localAddress());
            RpcEndpoint rpc = new RpcEndpoint(self, node, node.scheduler(), new SplittableRandom(1), RpcConfig.defaults());
            attacker.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", node.localAddress().port());
            TransportStats stats = node.stats();
            long heapBefore = usedHeapAfterGc();
            long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();

            HostileDatagrams garbage = new HostileDatagrams(0xBADL, node.localAddress());
            for (int sent = 1; sent <= DATAGRAMS; sent++) {
                attacker.send(ByteBuffer.wrap(garbage.next()), target);
                while (sent - accounted(stats) > WINDOW) {
                    Thread.yield();
                }
            }
            Polling.await(() -> accounted(stats) >= DATAGRAMS, WAIT);

            assertThat(accounted(stats)).as("received + dropped, %s", stats.droppedByReason()).isEqualTo(DATAGRAMS);
            assertThat(stats.droppedByReason()).as("drop reasons")
                    .hasEntrySatisfying(DropReason.MALFORMED, n -> assertThat(n).isGreaterThan(DATAGRAMS / 4))
                    .hasEntrySatisfying(DropReason.BAD_HEADER, n -> assertThat(n).isGreaterThan(1000))
                    .hasEntrySatisfying(DropReason.OVERSIZE, n -> assertThat(n).isGreaterThan(1000))
                    .hasEntrySatisfying(DropReason.NO_HANDLER, n -> assertThat(n).isZero());
            assertThat(stats.received()).as("the odd valid envelope gets through").isPositive();
            assertThat(rpc.stats().requestsServed()).isPositive();
            assertThat(usedHeapAfterGc() - heapBefore).as("heap growth").isLessThan(HEAP_SLACK_BYTES);
            assertThat(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - directBefore).as("direct memory growth")
                    .isLessThan(DIRECT_SLACK_BYTES);

            // From a fresh socket: the attacker's receive buffer is long full of replies to valid garbage.
            try (DatagramChannel client = DatagramChannel.open()) {
                client.bind(new InetSocketAddress("127.0.0.1", 0));
                assertThat(ping(client, target, node.localAddress())).isEqualTo(new Pong(localOf(client)));
            }
            assertThat(warnings.events()).as("warnings and errors logged").isEmpty();
        }
    }

    private static long accounted(TransportStats stats) {
        return stats.received() + stats.droppedTotal();
    }

    /** The body of the reply to a valid Ping sent from {@code socket}. */
    private static Object ping(DatagramChannel socket, InetSocketAddress target, Address node) throws Exception {
        KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
        long txId = 0x5EED_0000_0001L;
        Contact me = new Contact(NodeId.sha1Of("attacker"), localOf(socket));
        socket.send(ByteBuffer.wrap(codec.encode(new Envelope(txId, me, node, new Ping()))), target);
        socket.configureBlocking(false);
        ByteBuffer buf = ByteBuffer.allocate(KryoWireCodec.MAX_DATAGRAM_BYTES);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            buf.clear();
            if (socket.receive(buf) == null) {
                Thread.sleep(1);
                continue;
            }
            try {
                Envelope reply = codec.decode(Arrays.copyOf(buf.array(), buf.position()), 0, buf.position(), me.address());
                if (reply.txId() == txId) {
                    return reply.body();
                }
            } catch (MalformedMessageException e) {
                throw new AssertionError("the node sent something undecodable: " + e.getMessage(), e);
            }
        }
        throw new AssertionError("no Pong within " + WAIT);
    }

    private static Address localOf(DatagramChannel socket) throws Exception {
        return new Address("127.0.0.1", ((InetSocketAddress) socket.getLocalAddress()).getPort());
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
