package io.chordia.app.interop;

import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeException;
import io.chordia.transport.bencode.BencodeLimits;
import io.chordia.transport.bencode.BencodeValue;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A KRPC node of our own bytes on 127.0.0.1 (a fixed id, our bencode codec, a plain socket): what
 * Chordia's side of the wire will send, before the KRPC codec exists. {@link #query} sends one
 * query and waits for its reply. A query the peers send us (once we have queried them we are in
 * their routing tables) is answered at once, with our id only: unanswered, it held every
 * libtorrent lookup that reached us open for more than 10 s.
 */
final class KrpcProbe implements AutoCloseable {
    private static final long REPLY_TIMEOUT_MILLIS = 3000;

    private final DatagramSocket socket;
    private final Bytes nodeId;
    private final BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults());
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private int nextTransaction;

    private record Reply(SocketAddress from, BencodeDictionary message) {}

    KrpcProbe(int port, String nodeIdHex) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.nodeId = hex(nodeIdHex);
        Thread receiver = new Thread(this::receive, "krpc-probe-" + port);
        receiver.setDaemon(true);
        receiver.start();
    }

    static Bytes hex(String hex) {
        return Bytes.wrapOwned(HexFormat.of().parseHex(hex));
    }

    /** The bytes of a bencoded string, null for anything else. */
    static Bytes bytes(BencodeValue value) {
        return value instanceof BencodeBytes b ? b.value() : null;
    }

    /** Sends query {@code q} with arguments {@code args} (our id added) to {@code peer}; returns the reply's "r". */
    BencodeDictionary query(InteropPeer peer, String q, BencodeDictionary.Builder args) throws IOException {
        return query(peer.kind() + " on " + peer.address(), peer.port(), q, args);
    }

    /** {@link #query(InteropPeer, String, BencodeDictionary.Builder)} to any node on 127.0.0.1:{@code port}, named {@code who}. */
    BencodeDictionary query(String who, int port, String q, BencodeDictionary.Builder args) throws IOException {
        Bytes transaction = Bytes.wrapOwned(new byte[] {'c', (byte) nextTransaction++});
        SocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        send(to, BencodeDictionary.builder()
                .put("t", new BencodeBytes(transaction))
                .put("y", BencodeBytes.of("q"))
                .put("q", BencodeBytes.of(q))
                .put("a", args.put("id", new BencodeBytes(nodeId)).build())
                .build());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MILLIS);
        while (true) {
            Reply reply;
            try {
                reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + q, e);
            }
            if (reply == null) {
                throw new AssertionError(who + " did not answer " + q + " in "
                        + REPLY_TIMEOUT_MILLIS + " ms");
            }
            if (!reply.from().equals(to) || !transaction.equals(bytes(reply.message().get("t")))) {
                continue; // a late answer to an earlier query
            }
            if (reply.message().get("r") instanceof BencodeDictionary r) {
                return r;
            }
            throw new AssertionError(who + " answered " + q + " with " + reply.message());
        }
    }

    private void receive() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                BencodeDictionary message = decode(packet);
                if (message == null) {
                    continue;
                }
                if (BencodeBytes.of("q").equals(message.get("y")) && message.get("t") != null) {
                    send(packet.getSocketAddress(), BencodeDictionary.builder()
                            .put("t", message.get("t"))
                            .put("y", BencodeBytes.of("r"))
                            .put("r", BencodeDictionary.builder().put("id", new BencodeBytes(nodeId)).build())
                            .build());
                } else {
                    replies.add(new Reply(packet.getSocketAddress(), message));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void send(SocketAddress to, BencodeDictionary message) throws IOException {
        byte[] out = BencodeEncoder.encode(message);
        socket.send(new DatagramPacket(out, out.length, to));
    }

    private BencodeDictionary decode(DatagramPacket packet) {
        try {
            return decoder.decode(packet.getData(), packet.getOffset(), packet.getLength()) instanceof BencodeDictionary d ? d : null;
        } catch (BencodeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
