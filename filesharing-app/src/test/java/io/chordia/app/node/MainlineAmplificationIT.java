package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.routing.Protocol;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --protocol mainline} daemon against a spoofed source (one that never answers): each
 * KRPC query type gets back at most the bytes it sent, as the Kryo daemons do in
 * {@link DaemonAmplificationIT}, ping included: the guard budgets a query by its datagram's length
 * (not our longer re-encoding) and answers an unverified asker in KRPC's shortest form (no
 * {@code v}, no {@code ip}), so a 56-byte ping gets a 47-byte pong.
 */
class MainlineAmplificationIT {
    private static final int REPEATS = 5;
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final String ID = "spoofed-source-id-01";
    private static final String HASH = "infohash-0123456789a";

    @TempDir
    Path work;

    @Test
    void aSourceThatNeverAnswersGetsAtMostOneBytePerByteItSentForEveryQuery() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("ping", "d1:ad2:id20:" + ID + "e1:q4:ping1:t2:aa1:y1:qe");
        queries.put("find_node", "d1:ad2:id20:" + ID + "6:target20:" + HASH + "e1:q9:find_node1:t2:aa1:y1:qe");
        queries.put("get_peers", "d1:ad2:id20:" + ID + "9:info_hash20:" + HASH + "e1:q9:get_peers1:t2:aa1:y1:qe");
        queries.put("announce_peer", "d1:ad2:id20:" + ID + "12:implied_porti1e9:info_hash20:" + HASH
                + "4:porti6881e5:token8:xxxxxxxxe1:q13:announce_peer1:t2:aa1:y1:qe");
        queries.put("get", "d1:ad2:id20:" + ID + "6:target20:" + HASH + "e1:q3:get1:t2:aa1:y1:qe");
        queries.put("sample_infohashes", "d1:ad2:id20:" + ID + "6:target20:" + HASH
                + "e1:q17:sample_infohashes1:t2:aa1:y1:qe");
        try (PeerDaemon target = PeerDaemon.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withProtocol(Protocol.parse("mainline")).withBootstrap(List.of()).withDataDir(work.resolve("a")))) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", target.self().address().port());
            Map<String, long[]> figures = new LinkedHashMap<>();
            Map<String, DatagramSocket> victims = new LinkedHashMap<>();
            try {
                for (String q : queries.keySet()) {
                    victims.put(q, new DatagramSocket(new InetSocketAddress("127.0.0.2", 0)));
                    figures.put(q, new long[2]);
                }
                for (int i = 0; i < REPEATS; i++) {
                    for (Map.Entry<String, DatagramSocket> e : victims.entrySet()) {
                        byte[] bytes = queries.get(e.getKey()).getBytes(StandardCharsets.ISO_8859_1);
                        e.getValue().send(new DatagramPacket(bytes, bytes.length, to));
                        figures.get(e.getKey())[0] += bytes.length;
                    }
                    Thread.sleep(100);
                }
                Thread.sleep(QUIET.toMillis());
                for (Map.Entry<String, DatagramSocket> e : victims.entrySet()) {
                    figures.get(e.getKey())[1] = drain(e.getValue());
                }
            } finally {
                victims.values().forEach(DatagramSocket::close);
            }

            System.out.printf("mainline daemon, %d KRPC queries of each type from a source that never answers:%n", REPEATS);
            figures.forEach((q, f) -> System.out.printf("  %-18s sent %5d B, received %5d B, ratio %.2f%n",
                    q, f[0], f[1], (double) f[1] / f[0]));
            for (Map.Entry<String, long[]> e : figures.entrySet()) {
                assertThat(e.getValue()[1]).as("bytes back for %s", e.getKey()).isLessThanOrEqualTo(e.getValue()[0]);
            }
            assertThat(figures.values().stream().mapToLong(f -> f[1]).sum()).as("the daemon answered something").isPositive();
        }
    }

    private static long drain(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(200);
        byte[] buffer = new byte[65_536];
        long total = 0;
        while (true) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return total;
            }
            total += p.getLength();
        }
    }
}
