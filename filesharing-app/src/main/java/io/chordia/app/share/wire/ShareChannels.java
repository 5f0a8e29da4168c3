package io.chordia.app.share.wire;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollEventLoop;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The TCP channel classes that go with an event loop group made by {@code NettyEventLoops.newGroup}. */
final class ShareChannels {
    private ShareChannels() {}

    static boolean isEpoll(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup || group instanceof EpollEventLoop;
    }

    static Class<? extends ServerChannel> serverType(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> socketType(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
