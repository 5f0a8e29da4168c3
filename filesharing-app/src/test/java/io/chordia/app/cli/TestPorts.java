package io.chordia.app.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for daemons the tests start with an explicit {@code --port}, taken below the kernel's
 * ephemeral range. A port the kernel handed out with port 0 could be handed out again, as the
 * local port of any outgoing TCP connection, in the second between choosing it and the daemon
 * binding UDP and TCP on it ("port 40858 is in use" once in CI); below that range only a bind
 * that names the port can take it. Each port is handed out once per JVM and checked free for
 * both UDP and TCP first.
 */
final class TestPorts {
    private static final int LOWEST = 10_000;
    private static final int FIRST_EPHEMERAL = firstEphemeral();
    private static final AtomicInteger NEXT =
            new AtomicInteger(LOWEST + ThreadLocalRandom.current().nextInt((FIRST_EPHEMERAL - LOWEST) / 2));

    private TestPorts() {}

    static int next() throws IOException {
        for (int tries = 0; tries < 1000; tries++) {
            int port = NEXT.getAndIncrement();
            if (port >= FIRST_EPHEMERAL) {
                NEXT.set(LOWEST);
                continue;
            }
            if (freeForBoth(port)) {
                return port;
            }
        }
        throw new IOException("no free port for UDP and TCP below " + FIRST_EPHEMERAL);
    }

    private static boolean freeForBoth(int port) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(port));
             ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The start of Linux's ephemeral range, 32768 where it cannot be read. */
    private static int firstEphemeral() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"), StandardCharsets.US_ASCII);
            int first = Integer.parseInt(range.strip().split("\\s+")[0]);
            return first > LOWEST + 1000 ? first : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
