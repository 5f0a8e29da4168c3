package io.chordia.bootstrap;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.Message;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.KryoWireCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A hostile load for a bootstrap node: datagrams from many sockets (and source IPs), a mix of
 * valid requests with made-up senders, unsolicited responses and garbage of every kind. One
 * sending thread; a load generator, not a test.
 */
final class FloodLoad implements AutoCloseable {
    /** How many of each kind, per 16 datagrams. */
    private static final int PINGS = 4;
    private static final int FIND_NODES = 3;
    private static final int PONGS = 1;
    private static final int POOL = 4096;

    /** What was sent: {@code sent} datagrams in {@code nanos}; {@code errors} sends the OS refused. */
    record Result(long sent, long errors, long nanos, int sockets, int sourceIps) {
        double perSecond() {
            return sent * 1e9 / Math.max(1, nanos);
        }
    }

    private final InetSocketAddress target;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final ByteBuffer[] pool = new ByteBuffer[POOL];
    private final int sourceIps;

    /**
     * @param sources the local addresses to send from, round robin over {@code sockets} sockets
     *                (many loopback addresses work on Linux: all of 127/8 is local)
     */
    FloodLoad(InetSocketAddress target, int sockets, List<InetAddress> sources, long seed) throws IOException {
        this.target = target;
        this.sourceIps = sources.size();
        try {
            for (int i = 0; i < sockets; i++) {
                InetAddress from = sources.get(i % sources.size());
                DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
                channels.add(ch);
                ch.bind(new InetSocketAddress(from, 0));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        fillPool(new SplittableRandom(seed), new Address(target.getAddress().getHostAddress(), target.getPort()));
    }

    /** Sends {@code datagrams}, at most {@code perSecond} a second (0: as fast as the OS takes them). */
    Result run(long datagrams, long perSecond) {
        long errors = 0;
        long start = System.nanoTime();
        for (long i = 0; i < datagrams; i++) {
            if (perSecond > 0 && (i & 255) == 0) {
                pace(start, i, perSecond);
            }
            ByteBuffer payload = pool[(int) ((i * 7919) % POOL)].duplicate();
            try {
                channels.get((int) (i % channels.size())).send(payload, target);
            } catch (IOException e) {
                errors++; // e.g. ECONNREFUSED from an earlier ICMP; a flood carries on
            }
        }
        return new Result(datagrams, errors, System.nanoTime() - start, channels.size(), sourceIps);
    }

    private static void pace(long start, long sent, long perSecond) {
        long due = start + sent * 1_000_000_000L / perSecond;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private void fillPool(SplittableRandom random, Address to) {
        KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
        for (int i = 0; i < POOL; i++) {
            int kind = i % 16;
            byte[] bytes;
            if (kind < PINGS + FIND_NODES + PONGS) {
                Message body = kind < PINGS ? new Ping()
                        : kind < PINGS + FIND_NODES ? new FindNode(randomId(random), 20)
                        : new Pong(to);
                // A made-up sender: the node must never hand it out, since it never answers a ping.
                Contact sender = new Contact(randomId(random),
                        new Address("127.0.1." + (1 + random.nextInt(254)), 1024 + random.nextInt(60000)));
                bytes = codec.encode(new Envelope(random.nextLong(), sender, to, body));
            } else if (kind < 12) {
                bytes = new byte[1 + random.nextInt(1232)];
                random.nextBytes(bytes);
            } else if (kind < 15) {
                // A valid header (magic, version, a known type) in front of garbage.
                bytes = new byte[8 + random.nextInt(200)];
                random.nextBytes(bytes);
                bytes[0] = (byte) 0xC0;
                bytes[1] = (byte) 0xDA;
                bytes[2] = 1;
                bytes[3] = (byte) (0x10 + random.nextInt(4));
            } else {
                bytes = new byte[1400]; // oversize
                random.nextBytes(bytes);
            }
            pool[i] = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
    }

    private static NodeId randomId(SplittableRandom random) {
        return NodeId.of(random.nextLong(), random.nextLong(), random.nextInt());
    }

    @Override
    public void close() {
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing a datagram channel does not fail in practice; nothing to do if it does
            }
        }
    }
}
