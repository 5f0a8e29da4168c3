package io.chordia.app.share.streams;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerConnector;
import io.chordia.app.share.swarm.PeerLink;
import io.chordia.app.share.swarm.PeerLinkEvents;
import io.chordia.app.share.wire.WireFormat;
import io.chordia.core.net.Address;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.StreamTransport;
import io.chordia.core.util.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetcher links over a {@link StreamTransport}, one channel per link. The transport must run its
 * handlers on the fetch's node thread (the simulator's does: on the node's scheduler). Malformed
 * input is reported as {@link PeerLinkEvents#onMalformed} and closes the link.
 */
public final class StreamPeerConnector implements PeerConnector {
    private final StreamTransport transport;

    public StreamPeerConnector(StreamTransport transport) {
        this.transport = transport;
    }

    @Override
    public PeerLink connect(Address peer, ContentId content, Purpose purpose, PeerLinkEvents events) {
        StreamPeerLink link = new StreamPeerLink(events);
        transport.connect(peer).whenComplete((channel, failure) -> {
            if (failure != null) {
                events.onClosed();
            } else {
                link.connected(channel, StreamFrames.idFrame(
                        purpose == Purpose.MANIFEST ? WireFormat.GET_MANIFEST : WireFormat.OPEN, content, new byte[0]));
            }
        });
        return link;
    }

    private static final class StreamPeerLink implements PeerLink {
        private final PeerLinkEvents events;
        private final List<Bytes> unsent = new ArrayList<>();
        private FrameChannel channel;
        private boolean closed;
        private boolean failed;

        StreamPeerLink(PeerLinkEvents events) {
            this.events = events;
        }

        void connected(FrameChannel ch, Bytes hello) {
            channel = ch;
            ch.onFrame(this::received);
            ch.onClose(cause -> events.onClosed());
            if (closed) {
                ch.close();
            } else {
                ch.send(hello);
            }
        }

        @Override
        public void requestBlock(int piece, int offset, int length) {
            unsent.add(StreamFrames.blockFrame(WireFormat.REQUEST, piece, offset, length));
        }

        @Override
        public void cancel(int piece, int offset, int length) {
            unsent.add(StreamFrames.blockFrame(WireFormat.CANCEL, piece, offset, length));
        }

        @Override
        public void interested(boolean yes) {
            unsent.add(StreamFrames.emptyFrame(yes ? WireFormat.INTERESTED : WireFormat.NOT_INTERESTED));
        }

        @Override
        public void flush() {
            if (channel != null) {
                for (Bytes f : unsent) {
                    channel.send(f);
                }
            }
            unsent.clear();
        }

        @Override
        public void close() {
            closed = true;
            if (channel != null) {
                channel.close();
            }
        }

        private void received(Bytes frame) {
            if (failed) {
                return;
            }
            DropReason bad = StreamFrames.check(frame, t -> WireFormat.maxReplyBody((byte) t), false);
            if (bad == null) {
                bad = dispatch(frame);
            }
            if (bad != null) {
                failed = true;
                events.onMalformed(bad);
                channel.close();
                return;
            }
            events.onReadComplete();
        }

        private DropReason dispatch(Bytes frame) {
            byte type = frame.byteAt(0);
            int length = frame.length() - WireFormat.HEADER_BYTES;
            switch (type) {
                case WireFormat.BLOCK -> {
                    int piece = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES);
                    int offset = StreamFrames.intAt(frame, WireFormat.HEADER_BYTES + 4);
                    int n = length - WireFormat.BLOCK_HEADER_BYTES;
                    ByteBuffer into = events.onBlockStart(piece, offset, n);
                    if (into != null) {
                        into.put(StreamFrames.body(frame, WireFormat.BLOCK_HEADER_BYTES));
                        events.onBlockDone(piece, offset, n);
                    }
                }
                case WireFormat.MANIFEST, WireFormat.BITFIELD -> {
                    if (length < WireFormat.ID_BYTES) {
                        return DropReason.BAD_LENGTH;
                    }
                    byte[] body = StreamFrames.body(frame, 0);
                    byte[] id = java.util.Arrays.copyOf(body, WireFormat.ID_BYTES);
                    byte[] rest = java.util.Arrays.copyOfRange(body, WireFormat.ID_BYTES, body.length);
                    if (type == WireFormat.MANIFEST) {
                        events.onManifest(id, rest);
                    } else {
                        events.onBitfield(id, rest);
                    }
                }
                case WireFormat.UNKNOWN -> events.onUnknownContent();
                case WireFormat.HAVE -> {
                    if (length != 4) {
                        return DropReason.BAD_LENGTH;
                    }
                    events.onHave(StreamFrames.intAt(frame, WireFormat.HEADER_BYTES));
                }
                case WireFormat.UNCHOKE -> events.onUnchoke();
                default -> events.onChoke(new String(StreamFrames.body(frame, 0), StandardCharsets.UTF_8));
            }
            return null;
        }
    }
}
