package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFixtures.LOCAL;
import static io.chordia.transport.krpc.KrpcFixtures.QUERIER;
import static io.chordia.transport.krpc.KrpcFixtures.ascii;
import static io.chordia.transport.krpc.KrpcFixtures.withOurTid;
import static io.chordia.transport.krpc.KrpcRoundTripTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.transport.bencode.AllocationMeter;
import io.chordia.transport.bencode.BepExamples;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17 item 5 at the KRPC layer: hostile datagrams are refused as a counted drop
 * ({@link MalformedMessageException} and its reason, nothing else), allocate a bounded amount
 * whatever they declare, and the codec decodes the next ping as if nothing happened.
 */
class KrpcHostileTest {
    private static final int MILLION = 1_000_000;
    private static final long ALLOCATION_BOUND = 256 * 1024;
    private static final String PING = BepExamples.PING_QUERY.bencoded();
    private static final String NODES_HEAD = "d1:rd2:id20:0123456789abcdefghij5:nodes";

    private final KrpcWireCodec codec = new KrpcWireCodec(KrpcConfig.defaults());
    /** Accepts the largest UDP payload, so the bencode limits are what refuses, not the size check. */
    private final KrpcWireCodec roomy = new KrpcWireCodec(KrpcConfig.defaults().withMaxEncodedBytes(65_507));

    /** The goldens a peer may send us: BEP 5's queries, and its answers under one of our transaction ids. */
    static List<byte[]> goldens() {
        List<byte[]> out = new ArrayList<>();
        for (BepExamples.Example e : BepExamples.BEP_5) {
            boolean query = e.bencoded().endsWith("1:y1:qe");
            KrpcMethod method = e.name().startsWith("get_peers") ? KrpcMethod.GET_PEERS
                    : e.name().startsWith("find_node") ? KrpcMethod.FIND_NODE
                    : e.name().startsWith("announce") ? KrpcMethod.ANNOUNCE_PEER : KrpcMethod.PING;
            out.add(query ? ascii(e.bencoded()) : withOurTid(e.bencoded(), method, 0x55aa55aa55aa55aaL));
        }
        out.add(ascii(BepExamples.ANNOUNCE_PEER_IMPLIED_PORT.bencoded()));
        return out;
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("declared length 2^31", ascii("d1:ad2:id2147483648:abcde1:q4:ping1:t2:aa1:y1:qe"),
                        DropReason.MALFORMED, "TOO_LONG"),
                Arguments.of("declared length 2^31 as the transaction id", ascii("d1:t2147483648:aa1:y1:qe"),
                        DropReason.MALFORMED, "TOO_LONG"),
                Arguments.of("declared length within the datagram, past its end", ascii("d1:t60000:aae"),
                        DropReason.MALFORMED, "TRUNCATED"),
                Arguments.of("a million nested lists", ascii("l".repeat(MILLION)), DropReason.OVERSIZE, "1000000 bytes"),
                Arguments.of("60,000 nested lists", ascii("l".repeat(60_000)), DropReason.MALFORMED, "TOO_DEEP"),
                Arguments.of("60,000 nested dictionaries in the arguments",
                        ascii("d1:a" + "d1:a".repeat(15_000)), DropReason.MALFORMED, "TOO_DEEP"),
                Arguments.of("20,000 empty strings in a list", ascii("d1:el" + "0:".repeat(20_000) + "ee"),
                        DropReason.MALFORMED, "TOO_MANY"),
                Arguments.of("nodes of 2,500 contacts", concat(ascii(NODES_HEAD + "65000:"), new byte[65_000],
                        ascii("e1:t9:f12345678" + "1:y1:re")), DropReason.MALFORMED, "2500 nodes, at most 64"),
                Arguments.of("nodes of 65 contacts", concat(ascii(NODES_HEAD + "1690:"), new byte[1690],
                        tid(KrpcMethod.FIND_NODE), ascii("1:y1:re")), DropReason.MALFORMED, "65 nodes, at most 64"),
                Arguments.of("nodes6 of a length no node has", concat(ascii("d1:rd2:id20:0123456789abcdefghij6:nodes637:"),
                        new byte[37], ascii("e1:t9:"), KrpcTransactionIds.ours(KrpcMethod.FIND_NODE, 1), ascii("1:y1:re")),
                        DropReason.MALFORMED, "compact nodes of 37 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusedUnderItsReasonWithBoundedMemory(String name, byte[] input, DropReason reason, String why) throws Exception {
        assertRefused(roomy, input, reason, why); // warm-up: classes loaded outside the measurement

        long allocated = AllocationMeter.bytesAllocatedBy(() -> assertRefused(roomy, input, reason, why));

        assertThat(allocated).as("%s allocated", name).isLessThan(ALLOCATION_BOUND);
        stillAnswers(roomy);
    }

    static Stream<Arguments> wrongFields() {
        return Stream.of(
                Arguments.of("not a dictionary", "li1ee", "not a dictionary"),
                Arguments.of("no transaction id", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:y1:qe", "no 't'"),
                Arguments.of("empty transaction id", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t0:1:y1:qe",
                        "transaction id of 0 bytes"),
                Arguments.of("transaction id an integer", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:ti7e1:y1:qe",
                        "'t' is not a string"),
                Arguments.of("no kind", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aae", "no 'y'"),
                Arguments.of("kind a list", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:yl1:qee", "'y' is not a string"),
                Arguments.of("kind unknown", "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:xe", "not one of ours"),
                Arguments.of("method an integer", "d1:ad2:id20:abcdefghij0123456789e1:qi4e1:t2:aa1:y1:qe", "'q' is not a string"),
                Arguments.of("no arguments", "d1:q4:ping1:t2:aa1:y1:qe", "no 'a'"),
                Arguments.of("arguments a string", "d1:a2:id1:q4:ping1:t2:aa1:y1:qe", "'a' is not a dictionary"),
                Arguments.of("no sender id", "d1:ad6:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe", "no 'id'"),
                Arguments.of("short sender id", "d1:ad2:id19:abcdefghij012345678e1:q4:ping1:t2:aa1:y1:qe",
                        "'id' of 19 bytes, not 20"),
                Arguments.of("sender id an integer", "d1:ad2:idi5ee1:q4:ping1:t2:aa1:y1:qe", "'id' is not a string"),
                Arguments.of("long target", "d1:ad2:id20:abcdefghij01234567896:target21:mnopqrstuvwxyz1234567e1:q9:find_node1:t2:aa1:y1:qe",
                        "'target' of 21 bytes"),
                Arguments.of("port a string", "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:port4:68815:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
                        "'port' is not an integer"),
                Arguments.of("port out of range", "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti70000e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
                        "port 70000"),
                Arguments.of("token an integer", "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:tokeni1ee1:q13:announce_peer1:t2:aa1:y1:qe",
                        "'token' is not a string"),
                Arguments.of("token of 33 bytes", "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token33:"
                        + "x".repeat(33) + "e1:q13:announce_peer1:t2:aa1:y1:qe", "token is at most 32 bytes"),
                Arguments.of("method name of 65 bytes", "d1:ad2:id20:abcdefghij0123456789e1:q65:" + "m".repeat(65) + "1:t2:aa1:y1:qe",
                        "method name of 65 bytes"),
                Arguments.of("an answer under a peer's transaction id", "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re",
                        "not one of ours"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongFields")
    void wrongOrMissingFieldsAreMalformed(String name, String input, String why) throws Exception {
        assertRefused(codec, ascii(input), DropReason.MALFORMED, why);
        stillAnswers(codec);
    }

    static Stream<Arguments> wrongAnswers() {
        return Stream.of(
                Arguments.of("no results", "d1:t9:", "1:y1:re", KrpcMethod.PING, "no 'r'"),
                Arguments.of("results without id", "d1:rd5:nodes0:e1:t9:", "1:y1:re", KrpcMethod.FIND_NODE, "no 'id'"),
                Arguments.of("nodes an integer", "d1:rd2:id20:0123456789abcdefghij5:nodesi1ee1:t9:", "1:y1:re",
                        KrpcMethod.FIND_NODE, "'nodes' is not a string"),
                Arguments.of("values a string", "d1:rd2:id20:0123456789abcdefghij5:token1:x6:values6:axje.ue1:t9:", "1:y1:re",
                        KrpcMethod.GET_PEERS, "'values' is not a list"),
                Arguments.of("error a dictionary", "d1:ede1:t9:", "1:y1:ee", KrpcMethod.PING, "'e' is not a list"),
                Arguments.of("error the wrong way round", "d1:el4:oopsi201ee1:t9:", "1:y1:ee", KrpcMethod.PING,
                        "'e' is not [code, message]"),
                Arguments.of("error without a message", "d1:eli201ee1:t9:", "1:y1:ee", KrpcMethod.PING,
                        "'e' is not [code, message]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongAnswers")
    void wrongAnswersAreMalformed(String name, String head, String tail, KrpcMethod method, String why) throws Exception {
        assertRefused(codec, concat(ascii(head), KrpcTransactionIds.ours(method, 3), ascii(tail)), DropReason.MALFORMED, why);
        stillAnswers(codec);
    }

    /** BEP 5: be liberal. Unknown keys, a wrong optional field and unsorted keys do not refuse a message. */
    @Test
    void liberalInWhatItAccepts() throws Exception {
        byte[] odd = ascii("d1:y1:q1:t2:aa1:q4:ping2:roi7e2:ip3:xyz1:vi9e5:extrali1ee1:ad2:id20:abcdefghij01234567893:fooi1eee");

        Envelope decoded = codec.decode(odd, 0, odd.length, QUERIER, LOCAL);

        assertThat(decoded.body()).isEqualTo(new Ping());
        assertThat(decoded.hints().readOnly()).isFalse();
        assertThat(decoded.hints().hasObservedAddress()).isFalse();
    }

    /** BEP 5: a query for a method we do not know is answered with error 204 (the RPC layer does, for this type). */
    @Test
    void anUnknownMethodIsAQueryTheNodeRefuses() throws Exception {
        byte[] vote = ascii("d1:ad2:id20:abcdefghij01234567896:targeti3ee1:q4:vote1:t2:aa1:y1:qe");

        assertThat(codec.decode(vote, 0, vote.length, QUERIER, LOCAL).body()).isEqualTo(new UnknownQuery("vote"));
        assertRefused(codec, ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:y1:qe"), DropReason.MALFORMED, "no 't'");
    }

    @Test
    void everyTruncationOfEveryGoldenIsMalformed() throws Exception {
        for (byte[] golden : goldens()) {
            for (int length = 0; length < golden.length; length++) {
                try {
                    codec.decode(golden, 0, length, QUERIER, LOCAL);
                    fail("%s cut to %s bytes was accepted", KrpcFixtures.latin1(golden), length);
                } catch (MalformedMessageException e) {
                    assertThat(e.reason()).isEqualTo(DropReason.MALFORMED);
                    assertThat(e.getMessage()).as("cut to %s bytes", length).contains("TRUNCATED");
                }
            }
        }
        stillAnswers(codec);
    }

    /** Seeded mutants of the goldens: each decodes or is a counted drop, nothing else, and leaves its input alone. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2})
    void mutantsOfTheGoldensOnlyEverDecodeOrDrop(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> goldens = goldens();
        Map<DropReason, Integer> reasons = new EnumMap<>(DropReason.class);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] mutant = mutate(goldens.get(random.nextInt(goldens.size())), random);
            byte[] copy = mutant.clone();
            try {
                codec.decode(mutant, 0, mutant.length, QUERIER, LOCAL);
                accepted++;
            } catch (MalformedMessageException e) {
                reasons.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("seed %s round %s: %s escaped for %s", seed, round, t, KrpcFixtures.latin1(copy));
            }
            assertThat(mutant).isEqualTo(copy);
        }
        assertThat(reasons.keySet()).containsOnly(DropReason.MALFORMED);
        assertThat(accepted).as("some mutants are still valid messages").isPositive();
        assertThat(reasons.get(DropReason.MALFORMED)).as("most mutants are refused").isGreaterThan(accepted);
        stillAnswers(codec);
    }

    private static byte[] mutate(byte[] golden, SplittableRandom random) {
        byte[] out = golden.clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0:
                    out[at] = (byte) random.nextInt(256);
                    break;
                case 1:
                    out[at] = (byte) "0123456789:ildeq".charAt(random.nextInt(16));
                    break;
                case 2:
                    out = java.util.Arrays.copyOf(out, at);
                    break;
                default:
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) "0123456789:ildeq".charAt(random.nextInt(16));
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                    break;
            }
            if (out.length == 0) {
                break;
            }
        }
        return out;
    }

    private static byte[] tid(KrpcMethod method) {
        return concat(ascii("e1:t9:"), KrpcTransactionIds.ours(method, 1));
    }

    private static void assertRefused(KrpcWireCodec codec, byte[] input, DropReason reason, String why) {
        try {
            codec.decode(input, 0, input.length, QUERIER, LOCAL);
            fail("accepted");
        } catch (MalformedMessageException e) {
            if (e.reason() != reason || !e.getMessage().contains(why)) {
                fail("refused as %s %s, expected %s with '%s'", e.reason(), e.getMessage(), reason, why);
            }
        }
    }

    private static void stillAnswers(KrpcWireCodec codec) throws MalformedMessageException {
        byte[] ping = ascii(PING);
        assertThat(codec.decode(ping, 0, ping.length, QUERIER, LOCAL).body()).isEqualTo(new Ping());
    }
}
