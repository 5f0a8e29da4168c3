package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.CheckRecord;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.FindSuccessor;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.GetNeighbors;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Leaving;
import io.chordia.core.message.LookupDone;
import io.chordia.core.message.Message;
import io.chordia.core.message.Notify;
import io.chordia.core.message.Ping;
import io.chordia.core.message.OversizedPutItem;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.message.RecursiveFindNode;
import io.chordia.core.message.RecursiveFindNodeDone;
import io.chordia.core.message.Request;
import io.chordia.core.message.RouteLookup;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.Protocol;
import io.chordia.routing.replication.PutResult;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.codec.WireRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No amplification on the daemon, measured at the socket: for every request type, a source that
 * sends requests and never answers anything (what a spoofed source's victim looks like from the
 * daemon) receives at most as many bytes as it sent. Real daemons (the composition root the
 * command starts), two of them, so lists have more than one contact and a stored value is there
 * to fetch; each request type from its own address, five times. The figures are printed.
 */
class DaemonAmplificationIT {
    private static final int REPEATS = 5;
    /** Longer than the verification ping's timeout and the node's own retries to the stranger. */
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final KryoWireCodec CODEC = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
    private static final NodeId KEY = NodeId.sha1Of("amplified");

    @TempDir
    Path work;

    @ParameterizedTest
    // Over KRPC (mainline) the daemon carries no Kryo-only requests (store, get, recursive lookup): MainlineDaemonIT.
    @EnumSource(value = Protocol.class, names = "MAINLINE", mode = EnumSource.Mode.EXCLUDE)
    void aSourceThatNeverAnswersGetsAtMostOneBytePerByteItSentForEveryRequestType(Protocol protocol) throws Exception {
        try (PeerDaemon target = PeerDaemon.start(settings(protocol, "a", List.of()));
             PeerDaemon other = PeerDaemon.start(settings(protocol, "b", List.of("127.0.0.1:" + target.self().address().port())))) {
            DhtRecord record = DhtRecord.plain(KEY, Bytes.wrapOwned(new byte[1000]), 1, target.self().id(), Duration.ofHours(1));
            PutResult put = target.storage().put(record).get(30, TimeUnit.SECONDS);
            assertThat(put.acked()).as("the value to fetch is there").isNotEmpty();

            Map<Class<?>, long[]> figures = new LinkedHashMap<>();
            Map<Class<?>, DatagramSocket> victims = new LinkedHashMap<>();
            try {
                for (Class<?> type : requestTypes()) {
                    DatagramSocket victim = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
                    victims.put(type, victim);
                    figures.put(type, new long[2]);
                }
                for (int i = 0; i < REPEATS; i++) {
                    for (Map.Entry<Class<?>, DatagramSocket> e : victims.entrySet()) {
                        figures.get(e.getKey())[0] += send(e.getValue(), e.getKey(), target.self(), i);
                    }
                    Thread.sleep(100);
                }
                Thread.sleep(QUIET.toMillis());
                for (Map.Entry<Class<?>, DatagramSocket> e : victims.entrySet()) {
                    figures.get(e.getKey())[1] = drain(e.getValue());
                }
            } finally {
                victims.values().forEach(DatagramSocket::close);
            }

            System.out.printf("%s daemon, %d requests of each type from a source that never answers:%n", protocol.label(), REPEATS);
            figures.forEach((type, f) -> System.out.printf("  %-22s sent %5d B, received %5d B, ratio %.2f%n",
                    type.getSimpleName(), f[0], f[1], (double) f[1] / f[0]));
            for (Map.Entry<Class<?>, long[]> e : figures.entrySet()) {
                assertThat(e.getValue()[1]).as("bytes back for %s", e.getKey().getSimpleName())
                        .isLessThanOrEqualTo(e.getValue()[0]);
            }
            assertThat(target.guard().guarded().repliesHeld()).as("replies were due, and held").isPositive();
        }
    }

    private NodeSettings settings(Protocol protocol, String name, List<String> bootstrap) {
        return NodeSettings.defaults().withHost("127.0.0.1").withPort(0).withProtocol(protocol)
                .withBootstrap(bootstrap).withDataDir(work.resolve(name));
    }

    /** Every request type the wire knows: a new one fails here until it has a sample below. */
    private static List<Class<?>> requestTypes() {
        List<Class<?>> types = WireRegistry.messageIds().keySet().stream()
                .filter(Request.class::isAssignableFrom).<Class<?>>map(c -> c)
                .sorted((a, b) -> a.getSimpleName().compareTo(b.getSimpleName())).toList();
        Contact anyone = new Contact(NodeId.sha1Of("x"), new Address("127.0.0.2", 1));
        for (Class<?> type : types) {
            assertThat(sample(type, anyone)).as("a sample of %s", type.getSimpleName()).isNotNull();
        }
        return types;
    }

    /** A request that asks for as much as it can: big lists, the stored value, recursive answers to the sender. */
    private static Message sample(Class<?> type, Contact sender) {
        Map<Class<?>, Message> samples = Map.ofEntries(
                Map.entry(Ping.class, new Ping()),
                // BitTorrent's requests travel on our wire too; a chord or kademlia daemon refuses them.
                Map.entry(GetPeers.class, new GetPeers(KEY)),
                Map.entry(AnnouncePeer.class, new AnnouncePeer(KEY, 6881, false, Bytes.wrapOwned(new byte[8]))),
                Map.entry(UnknownQuery.class, new UnknownQuery("sample_infohashes")),
                Map.entry(GetItem.class, new GetItem(KEY, -1)),
                Map.entry(OversizedPutItem.class, new OversizedPutItem(ErrorCode.VALUE_TOO_BIG, 1001)),
                Map.entry(PutItem.class, new PutItem(Bytes.wrapOwned(new byte[8]), Bytes.ofUtf8("2:hi"), Bytes.EMPTY,
                        Bytes.EMPTY, -1, -1, Bytes.EMPTY)),
                Map.entry(FindNode.class, new FindNode(KEY, 20)),
                Map.entry(FindSuccessor.class, new FindSuccessor(KEY)),
                Map.entry(GetNeighbors.class, new GetNeighbors()),
                Map.entry(Notify.class, new Notify()),
                Map.entry(Leaving.class, new Leaving(List.of(), List.of(sender))),
                Map.entry(StoreRecord.class, new StoreRecord(DhtRecord.plain(KEY, Bytes.ofUtf8("v"), 2, sender.id(),
                        Duration.ofHours(1)), 1, Bytes.wrapOwned(new byte[20]))),
                Map.entry(FetchRecord.class, new FetchRecord(KEY)),
                Map.entry(CheckRecord.class, new CheckRecord(KEY, 0, sender.id(), Bytes.wrapOwned(new byte[20]))),
                // The whole key range with a digest that matches nothing: the widest answer range repair gives.
                Map.entry(CompareRange.class, new CompareRange(NodeId.ZERO, 0, Bytes.wrapOwned(new byte[RangeDigests.DIGEST_BYTES]))),
                Map.entry(RecursiveFindNode.class, new RecursiveFindNode(KEY, 20, 42, sender, 1, 1)),
                Map.entry(RouteLookup.class, new RouteLookup(KEY, 42, sender, 1, List.of())),
                Map.entry(LookupDone.class, new LookupDone(42, KEY, List.of(sender), 1, List.of(sender))),
                Map.entry(RecursiveFindNodeDone.class, new RecursiveFindNodeDone(42, KEY, 1, 1, List.of(sender))));
        return samples.get(type);
    }

    /**
     * Sends one request of the socket's type, as the socket's own address; returns the bytes sent.
     * The sender's id lies just before the target's, where a Chord node would take it as its
     * predecessor and hand it to the other daemon: the worst case, every run.
     */
    private static int send(DatagramSocket victim, Class<?> type, Contact targetNode, int i) throws Exception {
        Address target = targetNode.address();
        Address self = new Address("127.0.0.2", victim.getLocalPort());
        NodeId id = type == Notify.class ? targetNode.id().minus(NodeId.of(0, 0, 1)) : NodeId.sha1Of(self.toString());
        Contact sender = new Contact(id, self);
        byte[] datagram = CODEC.encode(new Envelope(1000L * i + 7, sender, target, sample(type, sender)));
        victim.send(new DatagramPacket(datagram, datagram.length, InetAddress.getByName(target.host()), target.port()));
        return datagram.length;
    }

    private static long drain(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(200);
        byte[] buffer = new byte[65_536];
        long bytes = 0;
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return bytes;
            }
            bytes += packet.getLength();
        }
    }
}
