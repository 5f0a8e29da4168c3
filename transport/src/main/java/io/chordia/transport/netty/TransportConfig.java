package io.chordia.transport.netty;

import io.chordia.core.util.Checks;
import io.chordia.transport.codec.KryoWireCodec;
import java.time.Duration;

/**
 * Sockets and limits of a node's Netty transports. UDP and TCP bind the same host and port number.
 *
 * @param bindHost           interface to bind: an IP literal or name, {@code 0.0.0.0} for all
 * @param port               0..65535; 0 picks an ephemeral port
 * @param maxDatagramBytes   largest UDP payload sent or accepted. Default 1232: the largest that
 *                           crosses any IPv6 path (1280-byte minimum MTU - 40 - 8) and any common
 *                           IPv4 path without fragmentation, which loses a whole datagram with any
 *                           one fragment (the DNS Flag Day 2020 figure). Kademlia's 20-contact
 *                           reply over IPv4 is about 580 bytes.
 * @param receiveBufferBytes SO_RCVBUF requested (the kernel may clamp it to net.core.rmem_max)
 * @param sendBufferBytes    SO_SNDBUF requested
 * @param sendQueueBytes     bytes queued for a socket before sends are dropped as SEND_FAILED
 * @param maxFrameBytes      largest TCP frame payload sent or accepted
 * @param connectTimeout     TCP connect timeout
 * @param idleTimeout        a TCP channel with no reads or writes for this long is closed
 */
public record TransportConfig(String bindHost, int port, int maxDatagramBytes, int receiveBufferBytes,
                              int sendBufferBytes, int sendQueueBytes, int maxFrameBytes,
                              Duration connectTimeout, Duration idleTimeout) {
    public static final int DEFAULT_PORT = 4000;
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 1232;
    /** Frames are buffered whole before delivery, so this also bounds memory per channel. */
    public static final int MAX_FRAME_BYTES_LIMIT = 1 << 30;

    public TransportConfig {
        Checks.notNull(bindHost, "bindHost");
        Checks.check(!bindHost.isBlank(), "bindHost must not be blank");
        Checks.inRange(port, 0, 65535, "port");
        Checks.inRange(maxDatagramBytes, KryoWireCodec.MIN_ENVELOPE_BYTES, KryoWireCodec.MAX_DATAGRAM_BYTES, "maxDatagramBytes");
        Checks.inRange(receiveBufferBytes, maxDatagramBytes, 1 << 28, "receiveBufferBytes");
        Checks.inRange(sendBufferBytes, maxDatagramBytes, 1 << 28, "sendBufferBytes");
        Checks.inRange(sendQueueBytes, maxDatagramBytes, 1 << 28, "sendQueueBytes");
        Checks.inRange(maxFrameBytes, 1, MAX_FRAME_BYTES_LIMIT, "maxFrameBytes");
        Checks.positive(connectTimeout, "connectTimeout");
        Checks.positive(idleTimeout, "idleTimeout");
    }

    public static TransportConfig defaults() {
        return new TransportConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_MAX_DATAGRAM_BYTES, 2 << 20, 1 << 20, 1 << 20,
                1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** Defaults on 127.0.0.1 and an ephemeral port: tests and local experiments. */
    public static TransportConfig loopback() {
        return defaults().withBindHost("127.0.0.1").withPort(0);
    }

    public TransportConfig withBindHost(String value) {
        return new TransportConfig(value, port, maxDatagramBytes, receiveBufferBytes, sendBufferBytes, sendQueueBytes,
                maxFrameBytes, connectTimeout, idleTimeout);
    }

    public TransportConfig withPort(int value) {
        return new TransportConfig(bindHost, value, maxDatagramBytes, receiveBufferBytes, sendBufferBytes, sendQueueBytes,
                maxFrameBytes, connectTimeout, idleTimeout);
    }

    public TransportConfig withMaxDatagramBytes(int value) {
        return new TransportConfig(bindHost, port, value, receiveBufferBytes, sendBufferBytes, sendQueueBytes,
                maxFrameBytes, connectTimeout, idleTimeout);
    }

    public TransportConfig withSocketBuffers(int receiveBytes, int sendBytes) {
        return new TransportConfig(bindHost, port, maxDatagramBytes, receiveBytes, sendBytes, sendQueueBytes,
                maxFrameBytes, connectTimeout, idleTimeout);
    }

    public TransportConfig withSendQueueBytes(int value) {
        return new TransportConfig(bindHost, port, maxDatagramBytes, receiveBufferBytes, sendBufferBytes, value,
                maxFrameBytes, connectTimeout, idleTimeout);
    }

    public TransportConfig withMaxFrameBytes(int value) {
        return new TransportConfig(bindHost, port, maxDatagramBytes, receiveBufferBytes, sendBufferBytes, sendQueueBytes,
                value, connectTimeout, idleTimeout);
    }

    public TransportConfig withConnectTimeout(Duration value) {
        return new TransportConfig(bindHost, port, maxDatagramBytes, receiveBufferBytes, sendBufferBytes, sendQueueBytes,
                maxFrameBytes, value, idleTimeout);
    }

    public TransportConfig withIdleTimeout(Duration value) {
        return new TransportConfig(bindHost, port, maxDatagramBytes, receiveBufferBytes, sendBufferBytes, sendQueueBytes,
                maxFrameBytes, connectTimeout, value);
    }
}
