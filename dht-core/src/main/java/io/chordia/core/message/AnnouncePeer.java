package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * I am a peer of {@code infoHash}'s swarm: BEP 5's {@code announce_peer}. Answered by {@link Ack},
 * or an {@link ErrorReply} (BAD_TOKEN) when {@code token} is not one the responder gave this
 * sender's address in a {@link Peers}.
 *
 * @param port        the peer's port; ignored by the responder when {@code impliedPort} is set
 * @param impliedPort use the port the request came from instead (a peer behind NAT, uTP)
 */
public record AnnouncePeer(NodeId infoHash, int port, boolean impliedPort, Bytes token) implements Request<Ack> {
    public AnnouncePeer {
        Checks.notNull(infoHash, "infoHash");
        Checks.inRange(port, 0, 65535, "port");
        Checks.notNull(token, "token");
        Checks.check(token.length() <= StoreRecord.MAX_TOKEN_BYTES, "a token is at most %s bytes", StoreRecord.MAX_TOKEN_BYTES);
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
