package io.chordia.core.sim;

import io.chordia.core.net.Address;
import io.chordia.core.transport.FrameChannel;
import io.chordia.core.transport.StreamTransport;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reliable, ordered, framed streams ({@link StreamTransport}) in virtual time, for bulk transfers
 * in the simulator. Each direction of each channel is a {@link StreamLink}: a frame waits for the
 * frames queued before it, leaves at the link's rate, and arrives one latency after its last byte
 * left; a close arrives after every frame sent before it. Events run on the receiving node's
 * {@link VirtualNodeScheduler}, so a crashed node's deliveries die with it. Links default to
 * {@link #setDefaultLink}; {@link #setLink} sets one direction between two addresses.
 * {@link #setUplink} gives a node one upload capacity that all its channels share
 * ({@link SharedUplink}), as a host's access link does.
 *
 * <p>Not thread-safe: like the rest of the simulator, it runs on the thread that drives the loop.
 */
public final class SimStreamNetwork {
    private final VirtualScheduler loop;
    private final Map<Address, Endpoint> endpoints = new HashMap<>();
    private final Map<Address, Map<Address, StreamLink>> links = new HashMap<>();
    private final Map<Address, Long> uplinkRates = new HashMap<>();
    private StreamLink defaultLink;

    public SimStreamNetwork(VirtualScheduler loop, StreamLink defaultLink) {
        this.loop = Checks.notNull(loop, "loop");
        this.defaultLink = Checks.notNull(defaultLink, "defaultLink");
    }

    public void setDefaultLink(StreamLink link) {
        this.defaultLink = Checks.notNull(link, "link");
    }

    /** Sets the link from {@code from} to {@code to} (one direction), for channels opened from now on. */
    public void setLink(Address from, Address to, StreamLink link) {
        links.computeIfAbsent(from, a -> new HashMap<>()).put(to, Checks.notNull(link, "link"));
    }

    /**
     * Makes every channel the node at {@code endpoint} sends on (the ones it opens and the ones it
     * accepts) share {@code bytesPerSecond} of upload; set before {@link #attach}.
     */
    public void setUplink(Address endpoint, long bytesPerSecond) {
        Checks.check(bytesPerSecond > 0, "bytesPerSecond must be positive, was %s", bytesPerSecond);
        Checks.check(!endpoints.containsKey(endpoint), "set the uplink of %s before attaching it", endpoint);
        uplinkRates.put(endpoint, bytesPerSecond);
    }

    /** Bytes that have left {@code endpoint}'s shared uplink so far (0 without one). */
    public long uplinkBytesSent(Address endpoint) {
        Endpoint e = endpoints.get(endpoint);
        return e == null || e.uplink == null ? 0 : e.uplink.bytesSent();
    }

    StreamLink link(Address from, Address to) {
        Map<Address, StreamLink> out = links.get(from);
        StreamLink l = out == null ? null : out.get(to);
        return l == null ? defaultLink : l;
    }

    /** A stream transport listening at {@code address}, whose events run on {@code node}. */
    public StreamTransport attach(Address address, VirtualNodeScheduler node, int maxFrameLength) {
        Checks.check(!endpoints.containsKey(address), "%s is already attached", address);
        Checks.check(maxFrameLength > 0, "maxFrameLength must be positive, was %s", maxFrameLength);
        Endpoint e = new Endpoint(address, node, maxFrameLength);
        endpoints.put(address, e);
        return e;
    }

    private final class Endpoint implements StreamTransport {
        private final Address address;
        private final VirtualNodeScheduler node;
        private final int maxFrameLength;
        private final SharedUplink uplink;
        private Consumer<FrameChannel> acceptHandler;
        private boolean closed;
        private int connections;

        Endpoint(Address address, VirtualNodeScheduler node, int maxFrameLength) {
            this.address = address;
            this.node = node;
            this.maxFrameLength = maxFrameLength;
            Long rate = uplinkRates.get(address);
            this.uplink = rate == null ? null : new SharedUplink(rate, node);
        }

        @Override
        public CompletableFuture<FrameChannel> connect(Address remote) {
            CompletableFuture<FrameChannel> result = new CompletableFuture<>();
            Endpoint server = endpoints.get(remote);
            // Each connection gets its own source port, as TCP would, so the two ends are told apart.
            Address local = new Address(address.host(), 40_000 + connections++ % 25_000);
            StreamLink out = link(address, remote);
            StreamLink back = link(remote, address);
            if (server == null || server.closed || closed) {
                node.schedule(out.latency().plus(back.latency()),
                        () -> result.completeExceptionally(new ConnectException("nobody listens on " + remote)));
                return result;
            }
            SimChannel client = new SimChannel(this, local, remote, out);
            SimChannel accepted = new SimChannel(server, remote, local, back);
            client.peer = accepted;
            accepted.peer = client;
            // The server sees the connection after one way; the client may send after the round trip.
            server.node.schedule(out.latency(), () -> {
                if (server.acceptHandler != null && !server.closed) {
                    server.acceptHandler.accept(accepted);
                } else {
                    accepted.close();
                }
            });
            node.schedule(out.latency().plus(back.latency()), () -> result.complete(client));
            return result;
        }

        @Override
        public void onAccept(Consumer<FrameChannel> handler) {
            this.acceptHandler = Checks.notNull(handler, "handler");
        }

        @Override
        public Address localAddress() {
            return address;
        }

        @Override
        public int maxFrameLength() {
            return maxFrameLength;
        }

        @Override
        public void close() {
            closed = true;
            endpoints.remove(address, this);
        }
    }

    /** One end of a simulated stream. */
    private final class SimChannel implements FrameChannel, SharedUplink.Sender {
        private final Endpoint local;
        private final Address self;
        private final Address remote;
        private final StreamLink out;
        private SimChannel peer;
        private Consumer<Bytes> frameHandler = f -> { };
        private Consumer<Throwable> closeHandler;
        private boolean open = true;
        private boolean toldOfClose;
        /** When the outbound direction has sent everything queued so far (without a shared uplink). */
        private long freeAtNanos;
        /** Frames waiting for the shared uplink, with the futures that complete when they leave. */
        private final ArrayDeque<Bytes> waiting = new ArrayDeque<>();
        private final ArrayDeque<CompletableFuture<Void>> waitingWritten = new ArrayDeque<>();
        /** Closed with frames still waiting: the far end hears of it after the last one. */
        private boolean closeAfterWaiting;

        SimChannel(Endpoint local, Address self, Address remote, StreamLink out) {
            this.local = local;
            this.self = self;
            this.remote = remote;
            this.out = out;
        }

        @Override
        public Address remoteAddress() {
            return remote;
        }

        @Override
        public CompletableFuture<Void> send(Bytes frame) {
            if (frame.length() > local.maxFrameLength) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "frame of " + frame.length() + " bytes exceeds " + local.maxFrameLength));
            }
            if (!open) {
                return CompletableFuture.failedFuture(new IOException("channel to " + remote + " is closed"));
            }
            if (local.uplink != null) {
                CompletableFuture<Void> written = new CompletableFuture<>();
                boolean wasEmpty = waiting.isEmpty();
                waiting.add(frame);
                waitingWritten.add(written);
                local.uplink.enqueued(this, wasEmpty);
                return written;
            }
            long now = loop.nowNanos();
            long sent = Math.max(now, freeAtNanos) + out.transmitNanos(frame.length());
            freeAtNanos = sent;
            SimChannel to = peer;
            to.local.node.schedule(Duration.ofNanos(sent - now + out.latency().toNanos()), () -> to.receive(frame));
            CompletableFuture<Void> written = new CompletableFuture<>();
            local.node.schedule(Duration.ofNanos(sent - now), () -> written.complete(null));
            return written;
        }

        @Override
        public int headLength() {
            Bytes head = waiting.peek();
            return head == null ? -1 : head.length();
        }

        @Override
        public long linkTransmitNanos(int length) {
            return out.transmitNanos(length);
        }

        @Override
        public void departed() {
            Bytes frame = waiting.poll();
            SimChannel to = peer;
            to.local.node.schedule(out.latency(), () -> to.receive(frame));
            waitingWritten.poll().complete(null);
            if (waiting.isEmpty() && closeAfterWaiting) {
                to.local.node.schedule(out.latency(), () -> to.peerClosed());
            }
        }

        private void receive(Bytes frame) {
            if (!open) {
                return;
            }
            if (frame.length() > local.maxFrameLength) {
                closeWith(new IOException("frame of " + frame.length() + " bytes from " + remote + " exceeds "
                        + local.maxFrameLength));
                return;
            }
            frameHandler.accept(frame);
        }

        @Override
        public void onFrame(Consumer<Bytes> handler) {
            this.frameHandler = Checks.notNull(handler, "handler");
        }

        @Override
        public void onClose(Consumer<Throwable> handler) {
            this.closeHandler = Checks.notNull(handler, "handler");
            if (!open) {
                local.node.execute(() -> tellClosed(null));
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            closeWith(null);
        }

        private void closeWith(Throwable cause) {
            if (!open) {
                return;
            }
            open = false;
            local.node.execute(() -> tellClosed(cause));
            if (!waiting.isEmpty()) {
                closeAfterWaiting = true; // as TCP: what was written before the close is still sent
                return;
            }
            long now = loop.nowNanos();
            SimChannel to = peer;
            // The far end hears of it after the frames sent before the close.
            long at = Math.max(now, freeAtNanos) + out.latency().toNanos();
            to.local.node.schedule(Duration.ofNanos(at - now), () -> to.peerClosed());
        }

        private void peerClosed() {
            if (open) {
                open = false;
                tellClosed(null);
            }
        }

        private void tellClosed(Throwable cause) {
            if (!toldOfClose && closeHandler != null) {
                toldOfClose = true;
                closeHandler.accept(cause);
            }
        }

        @Override
        public String toString() {
            return "SimChannel[" + self + " -> " + remote + "]";
        }
    }
}
