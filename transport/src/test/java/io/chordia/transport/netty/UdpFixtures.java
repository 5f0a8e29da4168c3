package io.chordia.transport.netty;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Message;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.transport.codec.KryoWireCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/** Envelopes and datagrams for the handler tests. */
final class UdpFixtures {
    static final int MAX = 1232;
    static final Address LOCAL = new Address("127.0.0.1", 7000);
    static final InetSocketAddress LOCAL_SOCKET = new InetSocketAddress("127.0.0.1", 7000);
    static final InetSocketAddress PEER_SOCKET = new InetSocketAddress("127.0.0.1", 7001);
    static final Address PEER = new Address("127.0.0.1", 7001);
    static final Contact PEER_CONTACT = new Contact(NodeId.sha1Of("peer"), PEER);
    static final Contact LOCAL_CONTACT = new Contact(NodeId.sha1Of("local"), LOCAL);

    private UdpFixtures() {}

    /** An envelope from the peer to us. */
    static Envelope inbound(long txId, Message body) {
        return new Envelope(txId, PEER_CONTACT, LOCAL, body);
    }

    static DatagramPacket datagram(byte[] bytes, InetSocketAddress from) {
        // A real buffer even when empty (Unpooled.EMPTY_BUFFER ignores release), so tests can check refCnt.
        return new DatagramPacket(Unpooled.buffer(bytes.length).writeBytes(bytes), LOCAL_SOCKET, from);
    }

    static DatagramPacket datagram(Envelope envelope) {
        return datagram(new KryoWireCodec(MAX).encode(envelope), PEER_SOCKET);
    }
}
