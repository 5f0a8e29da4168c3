package io.chordia.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdTest {
    private static final BigInteger RING = BigInteger.ONE.shiftLeft(160);
    private static final int SAMPLES = 20_000;

    @Test
    void sha1OfMatchesKnownDigest() {
        // SHA-1("abc") from FIPS 180-1, appendix A.
        assertThat(NodeId.sha1Of("abc").toHex()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void hexRoundTripsAndParsesEitherCase() {
        NodeId id = NodeId.fromHex("A9993E364706816ABA3E25717850C26C9CD0D89D");
        assertThat(id.toHex()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(id.shortId()).isEqualTo("a9993e36");
        assertThat(NodeId.fromHex(id.toHex())).isEqualTo(id);
    }

    @Test
    void malformedHexIsRefusedWithAReadableMessage() {
        assertThatThrownBy(() -> NodeId.fromHex("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> NodeId.fromHex("z".repeat(40))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a hex node id");
        assertThatThrownBy(() -> NodeId.fromBytes(new byte[19])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void arithmeticAgreesWithBigInteger(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SAMPLES; i++) {
            NodeId a = edgy(random);
            NodeId b = edgy(random);
            BigInteger ba = a.toBigInteger();
            BigInteger bb = b.toBigInteger();
            assertThat(NodeId.fromBigInteger(ba)).isEqualTo(a);
            assertThat(NodeId.fromBytes(a.toBytes())).isEqualTo(a);
            assertThat(a.plus(b).toBigInteger()).isEqualTo(ba.add(bb).mod(RING));
            assertThat(a.minus(b).toBigInteger()).isEqualTo(ba.subtract(bb).mod(RING));
            assertThat(a.ringDistanceTo(b).toBigInteger()).isEqualTo(bb.subtract(ba).mod(RING));
            assertThat(a.xor(b).toBigInteger()).isEqualTo(ba.xor(bb));
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(ba.compareTo(bb));
            int exponent = random.nextInt(160);
            assertThat(a.plusPowerOfTwo(exponent).toBigInteger())
                    .isEqualTo(ba.add(BigInteger.ONE.shiftLeft(exponent)).mod(RING));
            assertThat(a.testBit(exponent)).isEqualTo(ba.testBit(exponent));
            assertThat(a.commonPrefixLength(b)).isEqualTo(referencePrefix(ba, bb));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void intervalMembershipAgreesWithBigInteger(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SAMPLES; i++) {
            NodeId a = edgy(random);
            NodeId b = random.nextInt(10) == 0 ? a : edgy(random);
            // x often equal to an end: the boundaries are where interval code goes wrong.
            NodeId x = switch (random.nextInt(4)) {
                case 0 -> a;
                case 1 -> b;
                default -> edgy(random);
            };
            BigInteger ba = a.toBigInteger();
            BigInteger bb = b.toBigInteger();
            BigInteger bx = x.toBigInteger();
            assertThat(x.isInOpenOpen(a, b)).as("%s in (%s, %s)", x, a, b).isEqualTo(refOpenOpen(ba, bb, bx));
            assertThat(x.isInOpenClosed(a, b)).as("%s in (%s, %s]", x, a, b).isEqualTo(refOpenClosed(ba, bb, bx));
            assertThat(x.isInClosedOpen(a, b)).as("%s in [%s, %s)", x, a, b).isEqualTo(refClosedOpen(ba, bb, bx));
            assertThat(Integer.signum(a.compareRingDistances(x, b))).as("%s->%s vs %s->%s", a, x, a, b)
                    .isEqualTo(bx.subtract(ba).mod(RING).compareTo(bb.subtract(ba).mod(RING)));
            assertThat(Integer.signum(a.compareXorDistances(x, b))).as("%s^%s vs %s^%s", a, x, a, b)
                    .isEqualTo(bx.xor(ba).compareTo(bb.xor(ba)));
        }
    }

    @Test
    void withLowBitsClearsOrSetsEverythingAfterThePrefix() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < SAMPLES; i++) {
            NodeId id = edgy(random);
            int prefix = random.nextInt(NodeId.BITS + 1);
            BigInteger low = BigInteger.ONE.shiftLeft(NodeId.BITS - prefix).subtract(BigInteger.ONE);
            BigInteger v = id.toBigInteger();
            assertThat(id.withLowBits(prefix, false).toBigInteger()).as("%s, prefix %s", id, prefix)
                    .isEqualTo(v.andNot(low));
            assertThat(id.withLowBits(prefix, true).toBigInteger()).as("%s, prefix %s", id, prefix)
                    .isEqualTo(v.or(low));
        }
    }

    @Test
    void intervalsWrapAroundZero() {
        NodeId nearTop = NodeId.MAX.minus(NodeId.of(0, 0, 10));
        NodeId small = NodeId.of(0, 0, 10);
        assertThat(NodeId.ZERO.isInOpenClosed(nearTop, small)).isTrue();
        assertThat(NodeId.MAX.isInOpenOpen(nearTop, small)).isTrue();
        assertThat(NodeId.of(0, 0, 11).isInOpenClosed(nearTop, small)).isFalse();
        assertThat(small.isInOpenClosed(nearTop, small)).isTrue();
        assertThat(small.isInOpenOpen(nearTop, small)).isFalse();
        assertThat(nearTop.isInClosedOpen(nearTop, small)).isTrue();
    }

    @Test
    void equalEndsMeanTheWholeRing() {
        NodeId a = NodeId.sha1Of("a");
        assertThat(a.isInOpenClosed(a, a)).isTrue();
        assertThat(NodeId.sha1Of("b").isInOpenClosed(a, a)).isTrue();
        assertThat(a.isInOpenOpen(a, a)).isFalse();
        assertThat(NodeId.sha1Of("b").isInOpenOpen(a, a)).isTrue();
    }

    @Test
    void equalsAndHashCodeFollowTheValue() {
        NodeId a = NodeId.sha1Of("x");
        NodeId b = NodeId.fromHex(a.toHex());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(NodeId.sha1Of("y"));
        assertThat(a.commonPrefixLength(b)).isEqualTo(160);
    }

    /** Random ids, often near the word boundaries and ends of the ring where carries happen. */
    private static NodeId edgy(SplittableRandom r) {
        return NodeId.of(word(r), word(r), (int) word(r));
    }

    private static long word(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> 0L;
            case 1 -> -1L;
            case 2 -> r.nextLong(4);
            case 3 -> -1L - r.nextLong(4);
            case 4 -> 0xFFFFFFFFL - r.nextLong(3);
            default -> r.nextLong();
        };
    }

    private static int referencePrefix(BigInteger a, BigInteger b) {
        BigInteger x = a.xor(b);
        return x.signum() == 0 ? 160 : 160 - x.bitLength();
    }

    private static BigInteger dist(BigInteger from, BigInteger to) {
        return to.subtract(from).mod(RING);
    }

    private static boolean refOpenOpen(BigInteger a, BigInteger b, BigInteger x) {
        if (a.equals(b)) {
            return !x.equals(a);
        }
        BigInteger d = dist(a, x);
        return d.signum() > 0 && d.compareTo(dist(a, b)) < 0;
    }

    private static boolean refOpenClosed(BigInteger a, BigInteger b, BigInteger x) {
        if (a.equals(b)) {
            return true;
        }
        BigInteger d = dist(a, x);
        return d.signum() > 0 && d.compareTo(dist(a, b)) <= 0;
    }

    private static boolean refClosedOpen(BigInteger a, BigInteger b, BigInteger x) {
        return a.equals(b) || dist(a, x).compareTo(dist(a, b)) < 0;
    }
}
