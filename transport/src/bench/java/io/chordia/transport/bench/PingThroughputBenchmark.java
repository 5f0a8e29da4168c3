package io.chordia.transport.bench;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Ping RPCs per second one node serves on 127.0.0.1: the full server stack (NettyUdpTransport,
 * Kryo codec, RpcEndpoint answering Ping with Pong) against {@link PingLoadGenerator} keeping
 * {@code --window} pings in flight. Prints warm-up, each measured interval and the median.
 *
 * <pre>transport/bench.sh ping [--window 128] [--warmup-seconds 5] [--intervals 5] [--interval-seconds 3]</pre>
 */
public final class PingThroughputBenchmark {
    private PingThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int window = intArg(args, "--window", 128);
        int warmupSeconds = intArg(args, "--warmup-seconds", 5);
        int intervals = intArg(args, "--intervals", 5);
        int intervalSeconds = intArg(args, "--interval-seconds", 3);

        TransportConfig config = TransportConfig.loopback().withSocketBuffers(4 << 20, 4 << 20).withSendQueueBytes(4 << 20);
        try (NettyUdpTransport server = NettyUdpTransport.start(config)) {
            Contact self = new Contact(NodeId.sha1Of("bench server"), server.localAddress());
            RpcEndpoint rpc = new RpcEndpoint(self, server, server.scheduler(), new SplittableRandom(1), RpcConfig.defaults());
            EventLoopGroup clientLoop = NettyEventLoops.newGroup(1, "load");
            try {
                PingLoadGenerator load = startLoad(clientLoop, server.localAddress(), window);
                System.out.printf(Locale.ROOT, "ping throughput: window %d, %s, %d cores, server %s%n", window,
                        NettyEventLoops.epollAvailable() ? "epoll" : "NIO", Runtime.getRuntime().availableProcessors(),
                        server.localAddress());
                double warm = measure(load, warmupSeconds);
                System.out.printf(Locale.ROOT, "warm-up   %,12.0f pings/s%n", warm);
                List<Double> rates = new ArrayList<>();
                for (int i = 1; i <= intervals; i++) {
                    double r = measure(load, intervalSeconds);
                    rates.add(r);
                    System.out.printf(Locale.ROOT, "interval %d %,12.0f pings/s%n", i, r);
                }
                Collections.sort(rates);
                System.out.printf(Locale.ROOT, "median    %,12.0f pings/s (min %,.0f, max %,.0f)%n",
                        rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
                System.out.printf(Locale.ROOT, "client: completed %,d, presumed lost %,d, stray %,d%n",
                        load.completed(), load.lost(), load.stray());
                System.out.printf(Locale.ROOT, "server: %s, drops %s, served %,d%n", server.stats(),
                        server.stats().droppedByReason(), rpc.stats().requestsServed());
            } finally {
                clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private static PingLoadGenerator startLoad(EventLoopGroup group, Address server, int window) throws Exception {
        Bootstrap b = new Bootstrap().group(group);
        b.channel(NettyEventLoops.epollAvailable() ? io.netty.channel.epoll.EpollDatagramChannel.class
                : io.netty.channel.socket.nio.NioDatagramChannel.class);
        int slot = 256;
        if (NettyEventLoops.epollAvailable()) {
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, slot);
        }
        b.option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(slot * 16).maxMessagesPerRead(64));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.port());
        Contact me = new Contact(NodeId.sha1Of("load"), new Address("127.0.0.1", 9)); // claimed, not used: replies go to the source
        byte[] ping = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES).encode(new Envelope(0, me, server, new Ping()));
        PingLoadGenerator load = new PingLoadGenerator(ping, target, window);
        b.handler(load);
        Channel ch = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        ch.eventLoop().scheduleAtFixedRate(() -> load.checkStalled(ch.pipeline().firstContext(),
                TimeUnit.MILLISECONDS.toNanos(200)), 100, 100, TimeUnit.MILLISECONDS);
        return load;
    }

    /**
     * Pings per second over {@code seconds}. Also prints where the machine's CPU time went (from
     * /proc/stat): on a shared VM, time stolen by the hypervisor explains most run-to-run spread.
     */
    private static double measure(PingLoadGenerator load, int seconds) throws InterruptedException {
        long[] cpu0 = CpuTicks.read();
        long c0 = load.completed();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long c1 = load.completed();
        long t1 = System.nanoTime();
        long[] cpu1 = CpuTicks.read();
        double rate = (c1 - c0) * 1e9 / (t1 - t0);
        double cpuSeconds = CpuTicks.busyFraction(cpu0, cpu1) * Runtime.getRuntime().availableProcessors();
        System.out.print(CpuTicks.describe(cpu0, cpu1));
        System.out.printf(Locale.ROOT, "%,9.0f pings per busy CPU-second | ", rate / cpuSeconds);
        return rate;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
