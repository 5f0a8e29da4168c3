package io.chordia.transport.netty;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.InboundHandler;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.TransportStats;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.util.Checks;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The datagram {@link Transport} on a Netty UDP channel. Pipeline, head to tail:
 * an optional {@link DatagramGate}, flush consolidation, {@link DatagramDecoder}, {@link EnvelopeEncoder}, {@link InboundDispatcher},
 * {@link DatagramErrorSink}. Malformed, oversize and unsendable envelopes are counted and dropped;
 * nothing throws out of the pipeline or out of {@link #send}.
 *
 * <p>Threading: the channel's event loop is the node thread; {@link #scheduler()} runs on it and
 * the inbound handler is called on it. {@link #send} is meant for the node thread and is safe from
 * any other (Netty hops the write onto the loop, where the codec lives). Replies sent while a burst
 * of datagrams is being read go out in one flush when the burst ends (sendmmsg on epoll).
 *
 * <p>{@link #localAddress()} is the bound address; on a wildcard bind that is {@code 0.0.0.0}, and
 * a node learns the address peers see from {@code Pong.observedAddress}. Recipients must be IP
 * literals (see {@link SocketAddresses}); others are dropped as UNRESOLVED.
 *
 * <p>Counters: every inbound datagram is counted once, as received (handed to the handler) or
 * dropped under one reason. {@code sent} counts datagrams handed to the socket; a failure the OS
 * reports afterwards is counted SEND_FAILED as well. Sends while more than
 * {@link TransportConfig#sendQueueBytes()} wait for the socket are dropped as SEND_FAILED.
 */
public final class NettyUdpTransport implements Transport {
    private static final Logger LOG = LogManager.getLogger();
    /** Datagrams read per recvmmsg call on epoll. */
    private static final int DATAGRAMS_PER_RECVMMSG = 16;
    /** Datagrams read per wake-up before replies are flushed and other tasks get a turn. */
    private static final int MAX_DATAGRAMS_PER_READ = 64;
    /** Flushes deferred at most this many times before one is forced. */
    private static final int FLUSHES_PER_BATCH = 256;

    private final Channel channel;
    private final EventLoopGroup ownedGroup;
    private final EventLoopScheduler scheduler;
    private final InboundDispatcher dispatcher;
    private final TransportStats stats;
    private final Address localAddress;
    private volatile boolean closed;

    private NettyUdpTransport(Channel channel, EventLoopGroup ownedGroup, InboundDispatcher dispatcher,
                              TransportStats stats, Address localAddress) {
        this.channel = channel;
        this.ownedGroup = ownedGroup;
        this.scheduler = new EventLoopScheduler(channel.eventLoop());
        this.dispatcher = dispatcher;
        this.stats = stats;
        this.localAddress = localAddress;
        channel.closeFuture().addListener(f -> {
            // A loop shutting down closes its channels: the owner of the group is stopping the node, and
            // the transport may not have been closed first (a normal shutdown logged this warning).
            if (!closed && !channel.eventLoop().isShuttingDown()) {
                LOG.warn("UDP channel {} closed under us; the node can no longer send or receive", localAddress);
            }
        });
    }

    /**
     * Binds a transport with an event loop of its own, shut down by {@link #close()}.
     *
     * @throws java.net.BindException if the port is in use (the message says so, and which port)
     * @throws IOException            if the socket cannot be opened or bound for another reason
     */
    public static NettyUdpTransport start(TransportConfig config) throws IOException {
        EventLoopGroup group = NettyEventLoops.newGroup(1, "chordia-udp");
        try {
            return bind(config, group, group, DatagramGate.OPEN, null, kryo(config));
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Binds a transport on one loop of {@code group}, which the caller owns and shuts down; many
     * transports may share a group.
     */
    public static NettyUdpTransport start(TransportConfig config, EventLoopGroup group) throws IOException {
        return bind(config, Checks.notNull(group, "group"), null, DatagramGate.OPEN, null, kryo(config));
    }

    /**
     * As {@link #start(TransportConfig, EventLoopGroup)}, speaking {@code codec} (KRPC for a Mainline
     * node), which from now on belongs to the channel's event loop: the node's guard may size
     * envelopes with it there, nobody else may touch it.
     */
    public static NettyUdpTransport start(TransportConfig config, EventLoopGroup group, WireCodec codec)
            throws IOException {
        return start(config, group, DatagramGate.OPEN, codec);
    }

    /** As {@link #start(TransportConfig, EventLoopGroup, WireCodec)}, behind {@code gate} (a bootstrap node's). */
    public static NettyUdpTransport start(TransportConfig config, EventLoopGroup group, DatagramGate gate,
                                          WireCodec codec) throws IOException {
        Checks.notNull(codec, "codec");
        return bind(config, Checks.notNull(group, "group"), null, Checks.notNull(gate, "gate"), null,
                () -> DatagramCodec.of(codec, config.maxDatagramBytes()));
    }

    /** A Kryo codec per channel, made on its event loop. */
    private static Supplier<DatagramCodec> kryo(TransportConfig config) {
        return () -> {
            KryoWireCodec codec = new KryoWireCodec(config.maxDatagramBytes());
            return DatagramCodec.of(codec, codec.maxEncodedBytes());
        };
    }

    /**
     * As {@link #start(TransportConfig, EventLoopGroup)}, with {@code gate} asked about every datagram
     * before it is decoded; refused datagrams are counted {@link DropReason#RATE_LIMITED}.
     */
    public static NettyUdpTransport start(TransportConfig config, EventLoopGroup group, DatagramGate gate)
            throws IOException {
        return bind(config, Checks.notNull(group, "group"), null, Checks.notNull(gate, "gate"), null, kryo(config));
    }

    /** As {@link #start(TransportConfig, EventLoopGroup)}, handing envelopes too large for a datagram to {@code oversize}. */
    static NettyUdpTransport start(TransportConfig config, EventLoopGroup group, Consumer<Envelope> oversize)
            throws IOException {
        return bind(config, Checks.notNull(group, "group"), null, DatagramGate.OPEN, Checks.notNull(oversize, "oversize"),
                kryo(config));
    }

    private static NettyUdpTransport bind(TransportConfig config, EventLoopGroup group, EventLoopGroup owned,
                                          DatagramGate gate, Consumer<Envelope> oversize,
                                          Supplier<DatagramCodec> codecs) throws IOException {
        Checks.notNull(config, "config");
        TransportStats stats = new TransportStats();
        InboundDispatcher dispatcher = new InboundDispatcher(stats);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyEventLoops.datagramChannelType(group))
                .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
                .option(ChannelOption.SO_SNDBUF, config.sendBufferBytes())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.sendQueueBytes() / 2, config.sendQueueBytes()))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        // The codec is confined to this channel's event loop, like everything in the pipeline.
                        initPipeline(ch.pipeline(), codecs.get(), stats, dispatcher, null, oversize);
                        if (gate != DatagramGate.OPEN) {
                            // First of all, so a refused datagram costs no decoding.
                            ch.pipeline().addFirst(new DatagramGateHandler(gate, stats));
                        }
                    }
                });
        // One byte more than the maximum, so an oversize datagram is seen truncated to max + 1.
        int slot = config.maxDatagramBytes() + 1;
        if (NettyEventLoops.isEpoll(group)) {
            // recvmmsg fills one buffer of slots; keep it within 64 KiB even for jumbo maximums.
            int perCall = Math.max(1, Math.min(DATAGRAMS_PER_RECVMMSG, (64 << 10) / slot));
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, slot)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(slot * perCall).maxMessagesPerRead(MAX_DATAGRAMS_PER_READ));
        } else {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(slot).maxMessagesPerRead(MAX_DATAGRAMS_PER_READ));
        }
        InetSocketAddress bindTo = new InetSocketAddress(config.bindHost(), config.port());
        if (bindTo.isUnresolved()) {
            throw new java.net.UnknownHostException("cannot bind UDP: unknown host '" + config.bindHost() + "'");
        }
        ChannelFuture bound = bootstrap.bind(bindTo).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw BindFailures.translate("UDP", config.bindHost(), config.port(), bound.cause());
        }
        Channel channel = bound.channel();
        Address address = SocketAddresses.toAddress((InetSocketAddress) channel.localAddress());
        LOG.debug("UDP bound to {} ({})", address, channel.getClass().getSimpleName());
        return new NettyUdpTransport(channel, owned, dispatcher, stats, address);
    }

    /** @param local the recipient of inbound envelopes; {@code null} for the channel's bound address */
    static void initPipeline(ChannelPipeline pipeline, KryoWireCodec codec, TransportStats stats,
                             InboundDispatcher dispatcher, Address local) {
        initPipeline(pipeline, DatagramCodec.of(codec, codec.maxEncodedBytes()), stats, dispatcher, local, null);
    }

    private static void initPipeline(ChannelPipeline pipeline, DatagramCodec codec, TransportStats stats,
                                     InboundDispatcher dispatcher, Address local, Consumer<Envelope> oversize) {
        pipeline.addLast(
                // Defers flushes while a burst of datagrams is read, so the replies go out together.
                new FlushConsolidationHandler(FLUSHES_PER_BATCH, true),
                new DatagramDecoder(codec, stats, local),
                new EnvelopeEncoder(codec, stats, oversize),
                dispatcher,
                new DatagramErrorSink(stats));
    }

    /** The event loop this transport's channel, and so its node, runs on. */
    io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** The node executor: this channel's event loop. */
    public EventLoopScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void send(Envelope envelope) {
        Checks.notNull(envelope, "envelope");
        if (closed) {
            stats.recordDropped(DropReason.SENDER_DOWN);
            return;
        }
        if (!channel.isWritable()) {
            // The kernel is not keeping up; a datagram dropped now beats an unbounded queue.
            stats.recordDropped(DropReason.SEND_FAILED);
            return;
        }
        channel.writeAndFlush(envelope, channel.voidPromise());
    }

    @Override
    public void onReceive(InboundHandler handler) {
        dispatcher.setHandler(Checks.notNull(handler, "handler"));
    }

    @Override
    public Address localAddress() {
        return localAddress;
    }

    @Override
    public TransportStats stats() {
        return stats;
    }

    /** Closes the socket (and the event loop, if this transport made it); waits unless on that loop. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dispatcher.setHandler(null);
        ChannelFuture done = channel.close();
        boolean onLoop = channel.eventLoop().inEventLoop();
        if (!onLoop) {
            done.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (ownedGroup != null) {
            io.netty.util.concurrent.Future<?> terminated = ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (!onLoop) {
                terminated.awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public String toString() {
        return "NettyUdpTransport[" + localAddress + ", " + stats + "]";
    }
}
