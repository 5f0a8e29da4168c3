package io.chordia.routing.replication;

import static io.chordia.core.testing.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceQuotasTest {
    private static final long SECOND = 1_000_000_000L;

    /** The reference model: every charge kept, live ones counted by scanning. */
    private record Held(String source, long expiresAtNanos) {}

    private static long live(Map<NodeId, Held> model, String source, long now) {
        return model.values().stream().filter(h -> h.source().equals(source) && now - h.expiresAtNanos() < 0).count();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void agreesWithAModelThatScansEveryCharge(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int perSource = 5;
        SourceQuotas quotas = new SourceQuotas(perSource, SourceQuotas.DEFAULT_CAPACITY);
        Map<NodeId, Held> model = new LinkedHashMap<>();
        String[] sources = {"10.0.0.1", "10.0.0.2", "10.0.0.3"};
        long now = 0;
        for (int step = 0; step < 5_000; step++) {
            NodeId key = id(random.nextInt(24));
            String source = sources[random.nextInt(sources.length)];
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    Held current = model.get(key);
                    boolean sameSource = current != null && now - current.expiresAtNanos() < 0
                            && current.source().equals(source);
                    boolean full = live(model, source, now) >= perSource;
                    String refusal = quotas.refusal(source, key, now);
                    assertThat(refusal == null).as("seed %s step %s: admitted", seed, step).isEqualTo(sameSource || !full);
                    if (refusal == null) {
                        long expires = now + (1 + random.nextInt(60)) * SECOND;
                        quotas.charge(key, source, expires);
                        model.put(key, new Held(source, expires));
                    }
                }
                case 2 -> {
                    quotas.release(key);
                    model.remove(key);
                }
                default -> now += random.nextInt(10) * SECOND;
            }
            for (String s : sources) {
                assertThat(quotas.held(s, now)).as("seed %s step %s: %s", seed, step, s).isEqualTo(live(model, s, now));
            }
        }
    }

    @Test
    void aNewPortOrAnOverwriteIsNoNewQuotaAndAnotherWriterTakesTheCharge() {
        SourceQuotas quotas = new SourceQuotas(2, 100);
        quotas.charge(id(1), "10.0.0.1", 100 * SECOND);
        quotas.charge(id(2), "10.0.0.1", 100 * SECOND);
        assertThat(quotas.refusal("10.0.0.1", id(3), 0)).contains("has 2 live records");
        assertThat(quotas.refusal("10.0.0.1", id(2), 0)).isNull();

        quotas.charge(id(2), "10.0.0.2", 100 * SECOND);

        assertThat(quotas.held("10.0.0.1", 0)).isEqualTo(1);
        assertThat(quotas.held("10.0.0.2", 0)).isEqualTo(1);
        assertThat(quotas.refusal("10.0.0.1", id(3), 0)).isNull();
    }

    @Test
    void aChargeEndsWithItsRecord() {
        SourceQuotas quotas = new SourceQuotas(1, 100);
        quotas.charge(id(1), "10.0.0.1", 10 * SECOND);
        assertThat(quotas.refusal("10.0.0.1", id(2), 10 * SECOND - 1)).isNotNull();
        assertThat(quotas.refusal("10.0.0.1", id(2), 10 * SECOND)).isNull();

        quotas.charge(id(2), "10.0.0.1", 100 * SECOND);
        quotas.release(id(2));
        assertThat(quotas.held("10.0.0.1", 0)).isZero();
        assertThat(quotas.sources(0)).isZero();
    }

    @Test
    void aFloodOfSourcesFillsTheTableNoFurther() {
        SourceQuotas quotas = new SourceQuotas(10, 1_000);
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            String source = "10." + (i >>> 16) + "." + (i >>> 8 & 255) + "." + (i & 255);
            NodeId key = NodeId.sha1Of(new byte[] {(byte) i, (byte) (i >>> 8), (byte) (i >>> 16)});
            if (quotas.refusal(source, key, 0) == null) {
                quotas.charge(key, source, 60 * SECOND);
            } else {
                refused++;
            }
        }
        assertThat(quotas.charged(0)).isEqualTo(1_000);
        assertThat(quotas.sources(0)).isEqualTo(1_000);
        assertThat(refused).isEqualTo(99_000);
        // Once they expire the table admits again.
        assertThat(quotas.refusal("192.0.2.1", id(7), 60 * SECOND)).isNull();
        assertThat(quotas.charged(60 * SECOND)).isZero();
    }
}
