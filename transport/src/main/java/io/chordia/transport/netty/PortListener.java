package io.chordia.transport.netty;

import io.chordia.core.net.Address;
import io.chordia.core.util.Checks;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A TCP port shared by several protocols: each accepted connection starts with a
 * {@link ProtocolSniffer} that hands it to the {@link PortProtocols} entry its first bytes match.
 * Accepted connections live on {@code group}'s loops (a protocol may move them) with auto-read off.
 */
public final class PortListener implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger();
    private final Channel server;
    private final Address localAddress;
    private final PortProtocols protocols;

    private PortListener(Channel server, PortProtocols protocols) {
        this.server = server;
        this.protocols = protocols;
        this.localAddress = SocketAddresses.toAddress((InetSocketAddress) server.localAddress());
    }

    /**
     * Listens on {@code host}:{@code port} (0 picks one) on {@code group}, which the caller owns;
     * blocks until bound. A connection that has not been recognised within {@code prefaceTimeout}
     * is closed and counted as unrecognised.
     *
     * @throws java.net.BindException if the port is in use or the host not local (the message says which)
     */
    public static PortListener bind(String host, int port, EventLoopGroup group, PortProtocols protocols,
                                    Duration prefaceTimeout) throws IOException {
        Checks.notNull(protocols, "protocols");
        Checks.positive(prefaceTimeout, "prefaceTimeout");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NettyEventLoops.serverChannelType(group))
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ProtocolSniffer(protocols, prefaceTimeout));
                    }
                });
        InetSocketAddress bindTo = new InetSocketAddress(host, port);
        if (bindTo.isUnresolved()) {
            throw new UnknownHostException("cannot bind TCP: unknown host '" + host + "'");
        }
        ChannelFuture bound = bootstrap.bind(bindTo).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw BindFailures.translate("TCP", host, port, bound.cause());
        }
        PortListener listener = new PortListener(bound.channel(), protocols);
        LOG.debug("TCP listening on {} ({})", listener.localAddress, bound.channel().getClass().getSimpleName());
        return listener;
    }

    public Address localAddress() {
        return localAddress;
    }

    /** What this port serves: add a protocol here to serve it too. */
    public PortProtocols protocols() {
        return protocols;
    }

    /** Stops accepting; connections already handed to a protocol are that protocol's to close. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly();
    }
}
