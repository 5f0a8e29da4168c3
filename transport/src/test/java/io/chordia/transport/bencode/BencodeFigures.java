package io.chordia.transport.bencode;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what decoding costs: bytes allocated and nanoseconds per decode of each BEP 5 example and
 * per refusal of each hostile input. A command, not a test (figures never fail a build):
 *
 * <pre>
 * flock /tmp/build.lock mvn -B -q -o -pl transport -am test-compile
 * java -cp transport/target/test-classes:transport/target/classes:dht-core/target/classes \
 *     io.chordia.transport.bencode.BencodeFigures
 * </pre>
 */
public final class BencodeFigures {
    private static final int MILLION = 1_000_000;
    private static final int ROUNDS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private BencodeFigures() {}

    public static void main(String[] args) {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults());
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (BepExamples.Example example : BepExamples.BEP_5) {
            inputs.put(example.name(), BencodeTrees.ascii(example.bencoded()));
        }
        inputs.put("declared length 2^31", BencodeTrees.ascii("2147483648:spam"));
        inputs.put("a million nested lists (1 MB)", BencodeTrees.ascii("l".repeat(MILLION)));
        inputs.put("a million empty strings in a list (2 MB)", BencodeTrees.ascii("l" + "0:".repeat(MILLION) + "e"));
        inputs.put("a million digits of integer (1 MB)", BencodeTrees.ascii("i" + "9".repeat(MILLION) + "e"));

        for (byte[] input : inputs.values()) { // warm-up: every path compiled before anything is timed
            for (int i = 0; i < ROUNDS; i++) {
                measure(decoder, input);
            }
        }
        System.out.printf(Locale.ROOT, "%-42s %8s %-10s %12s %10s%n", "input", "bytes", "outcome", "alloc B/op", "ns/op");
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            String outcome = measure(decoder, input.getValue());
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                measure(decoder, input.getValue());
            }
            long nanos = System.nanoTime() - started;
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            System.out.printf(Locale.ROOT, "%-42s %8d %-10s %12d %10d%n", input.getKey(), input.getValue().length, outcome,
                    allocated / ROUNDS, nanos / ROUNDS);
        }
    }

    private static String measure(BencodeDecoder decoder, byte[] input) {
        try {
            decoder.decode(input);
            return "decoded";
        } catch (BencodeException e) {
            return e.reason().name();
        }
    }
}
