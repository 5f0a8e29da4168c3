package io.chordia.transport.netty;

import io.chordia.core.util.Checks;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Event loop groups, epoll when the native library loads and NIO otherwise, and the channel types
 * that go with a group. Many transports may share one group: each channel stays on one loop.
 */
public final class NettyEventLoops {
    private NettyEventLoops() {}

    /** True when the native epoll transport (recvmmsg/sendmmsg) is usable on this machine. */
    public static boolean epollAvailable() {
        return Epoll.isAvailable();
    }

    /** A group of {@code threads} daemon event loops named {@code name-N}; the caller shuts it down. */
    public static EventLoopGroup newGroup(int threads, String name) {
        Checks.inRange(threads, 1, 1024, "threads");
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return epollAvailable() ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    static boolean isEpoll(EventLoopGroup group) {
        if (group instanceof io.netty.channel.EventLoop loop && loop.parent() != null) {
            return isEpoll(loop.parent()); // one loop of a group, so that channels can share it
        }
        if (group instanceof EpollEventLoopGroup) {
            return true;
        }
        Checks.check(group instanceof NioEventLoopGroup, "need an epoll or NIO event loop group, got %s",
                group.getClass().getName());
        return false;
    }

    static Class<? extends DatagramChannel> datagramChannelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    static Class<? extends ServerChannel> serverChannelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> socketChannelType(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
