package io.chordia.transport.krpc;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ack;
import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Message;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BepExamples;
import io.chordia.transport.codec.KryoWireCodec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what KRPC costs beside our Kryo wire: the encoded size of each mapped message in both, and
 * the bytes allocated per decode of a ping and per refusal of each hostile datagram. A command,
 * not a test (figures never fail a build):
 *
 * <pre>
 * flock /tmp/build.lock mvn -B -q -o -pl transport -am test-compile
 * java -cp "transport/target/test-classes:transport/target/classes:dht-core/target/classes:$(cat transport/target/cp.txt)" \
 *     io.chordia.transport.krpc.KrpcFigures
 * </pre>
 * where {@code cp.txt} comes from {@code mvn -o -q -pl transport dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
public final class KrpcFigures {
    private static final int ROUNDS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Contact SELF = new Contact(NodeId.fromHex("a1".repeat(20)), new Address("192.0.2.10", 6881));
    private static final Address PEER = new Address("198.51.100.20", 6881);

    private KrpcFigures() {}

    public static void main(String[] args) throws Exception {
        sizes();
        allocations();
    }

    private static void sizes() throws MalformedMessageException {
        List<Contact> eight = new ArrayList<>();
        for (int i = 0; i < KrpcConfig.K; i++) {
            eight.add(new Contact(NodeId.sha1Of("n" + i), new Address("198.51.100." + (i + 1), 6881)));
        }
        NodeId hash = NodeId.sha1Of("hash");
        Bytes token = Bytes.wrapOwned(new byte[8]);
        Map<String, Message> queries = new LinkedHashMap<>();
        queries.put("ping", new Ping());
        queries.put("find_node", new FindNode(hash, KrpcConfig.K));
        queries.put("get_peers", new GetPeers(hash));
        queries.put("announce_peer", new AnnouncePeer(hash, 6881, true, token));
        Map<String, Message> answers = new LinkedHashMap<>();
        answers.put("pong", new Pong(PEER));
        answers.put("nodes (8 IPv4)", new Nodes(eight));
        answers.put("peers (8 values)", new Peers(token, eight.stream().map(Contact::address).toList(), List.of()));
        answers.put("ack", new Ack());
        answers.put("error 204", new ErrorReply(ErrorCode.UNSUPPORTED, "method unknown"));
        KrpcWireCodec krpc = new KrpcWireCodec(KrpcConfig.defaults());
        KryoWireCodec kryo = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
        System.out.printf(Locale.ROOT, "%-30s %8s %8s%n", "message", "KRPC", "Kryo");
        for (Map.Entry<String, Message> e : queries.entrySet()) {
            Envelope env = new Envelope(0x1234_5678_9abc_def0L, SELF, PEER, e.getValue());
            System.out.printf(Locale.ROOT, "%-30s %8d %8d%n", e.getKey(), krpc.encodedLength(env), kryo.encodedLength(env));
        }
        byte[] libtorrentPing = KrpcFixtures.ascii(BepExamples.PING_QUERY.bencoded());
        long txId = krpc.decode(libtorrentPing, 0, libtorrentPing.length, PEER, SELF.address()).txId();
        for (Map.Entry<String, Message> e : answers.entrySet()) {
            Envelope env = new Envelope(txId, SELF, PEER, e.getValue());
            System.out.printf(Locale.ROOT, "%-30s %8d %8d%n", e.getKey() + " (t: 2 bytes)", krpc.encodedLength(env),
                    kryo.encodedLength(env));
        }
    }

    private static void allocations() throws Exception {
        KrpcWireCodec codec = new KrpcWireCodec(KrpcConfig.defaults().withMaxEncodedBytes(65_507));
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("BEP 5 ping query", KrpcFixtures.ascii(BepExamples.PING_QUERY.bencoded()));
        inputs.put("declared length 2^31", KrpcFixtures.ascii("d1:ad2:id2147483648:abcde1:q4:ping1:t2:aa1:y1:qe"));
        inputs.put("a million nested lists (1 MB, OVERSIZE)", KrpcFixtures.ascii("l".repeat(1_000_000)));
        inputs.put("60,000 nested lists", KrpcFixtures.ascii("l".repeat(60_000)));
        inputs.put("nodes of 2,500 contacts (65 KB)", KrpcRoundTripTest.concat(
                KrpcFixtures.ascii("d1:rd2:id20:0123456789abcdefghij5:nodes65000:"), new byte[65_000],
                KrpcFixtures.ascii("e1:t9:"), KrpcTransactionIds.ours(KrpcMethod.FIND_NODE, 1), KrpcFixtures.ascii("1:y1:re")));
        for (byte[] input : inputs.values()) { // warm-up
            for (int i = 0; i < ROUNDS; i++) {
                decode(codec, input);
            }
        }
        System.out.printf(Locale.ROOT, "%n%-42s %14s %10s%n", "input", "bytes/decode", "ns/decode");
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            long bytes = THREADS.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                decode(codec, e.getValue());
            }
            long nanos = System.nanoTime() - start;
            bytes = THREADS.getCurrentThreadAllocatedBytes() - bytes;
            System.out.printf(Locale.ROOT, "%-42s %14d %10d%n", e.getKey(), bytes / ROUNDS, nanos / ROUNDS);
        }
    }

    private static void decode(KrpcWireCodec codec, byte[] input) {
        try {
            codec.decode(input, 0, input.length, PEER, SELF.address());
        } catch (MalformedMessageException e) {
            // The refusal is what is measured.
        }
    }
}
