package io.chordia.app.interop;

import com.sun.net.httpserver.HttpServer;
import io.chordia.core.net.Address;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP tracker (BEP 3, compact peers of BEP 23) on 127.0.0.1 that answers every announce with
 * one peer: how a test hands a client that has no "connect to this peer" option (aria2) the
 * Chordia seed directly, with no DHT in between.
 */
final class TrackerStub implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger announces = new AtomicInteger();

    TrackerStub(Address peer) throws IOException {
        byte[] body = response(peer);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/announce", exchange -> {
            announces.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** {@code d8:intervali1800e5:peers6:<ip><port>e}. */
    static byte[] response(Address peer) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("d8:intervali1800e5:peers6:".getBytes(StandardCharsets.US_ASCII));
        b.write(InetAddress.getByName(peer.host()).getAddress());
        b.write(peer.port() >>> 8);
        b.write(peer.port() & 0xFF);
        b.write('e');
        return b.toByteArray();
    }

    String announceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/announce";
    }

    int announces() {
        return announces.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
