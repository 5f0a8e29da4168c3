package io.chordia.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * One protocol served on a node's TCP port, told apart from the others by the first bytes a
 * connecting peer sends (its connection preface). Register it in the port's {@link PortProtocols}.
 *
 * <p>Both methods are called on the accepted channel's event loop, at most once each per decision;
 * they must not block.
 */
public interface PortProtocol {
    /** What the first bytes say about a connection. */
    enum Verdict {
        /** The connection speaks this protocol. */
        YES,
        /** It does not. */
        NO,
        /** Too few bytes to tell yet. */
        MORE
    }

    /**
     * Whether {@code firstBytes} (everything received so far, at most {@link PortProtocols#MAX_PREFACE_BYTES},
     * from its reader index) begin this protocol. Reads with absolute gets: the buffer's indexes must
     * not move. A protocol must decide within {@link PortProtocols#MAX_PREFACE_BYTES} bytes.
     */
    Verdict recognize(ByteBuf firstBytes);

    /**
     * Takes over a connection that {@link #recognize} claimed: adds its handlers to the channel's
     * pipeline (now empty of the sniffing handler), sets the channel options it needs, then passes
     * {@code firstBytes} on with {@code channel.pipeline().fireChannelRead(firstBytes)} or releases
     * them: ownership moves here. The channel does not read on its own (auto-read is off): the
     * protocol turns reading on when it is ready. It may move the channel to another event loop
     * (deregister, then register) before it does so.
     */
    void install(Channel channel, ByteBuf firstBytes);
}
