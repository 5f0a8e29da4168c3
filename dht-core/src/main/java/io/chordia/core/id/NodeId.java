package io.chordia.core.id;

import io.chordia.core.util.Checks;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit identifier on the ring [0, 2^160): node ids and keys alike. Held as three primitive
 * words, most significant first, so ids are immutable values with cheap compare and arithmetic.
 *
 * <p>Ordering is unsigned. Ring arithmetic is modulo 2^160. Interval tests follow Chord's
 * convention that an interval whose two ends are equal spans the whole ring (see
 * {@link #isInOpenClosed(NodeId, NodeId)}).
 */
public final class NodeId implements Comparable<NodeId> {
    public static final int BITS = 160;
    public static final int BYTES = 20;
    public static final NodeId ZERO = new NodeId(0L, 0L, 0);
    public static final NodeId MAX = new NodeId(-1L, -1L, -1);

    private static final HexFormat HEX = HexFormat.of();

    /** Bits 159..96. */
    private final long hi;
    /** Bits 95..32. */
    private final long mid;
    /** Bits 31..0. */
    private final int lo;

    private NodeId(long hi, long mid, int lo) {
        this.hi = hi;
        this.mid = mid;
        this.lo = lo;
    }

    public static NodeId of(long hi, long mid, int lo) {
        return new NodeId(hi, mid, lo);
    }

    /** The SHA-1 digest of {@code data}, as an id. */
    public static NodeId sha1Of(byte[] data) {
        Checks.notNull(data, "data");
        try {
            return fromBytes(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }

    public static NodeId sha1Of(String text) {
        return sha1Of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static NodeId fromBytes(byte[] bytes) {
        Checks.notNull(bytes, "bytes");
        Checks.check(bytes.length == BYTES, "a node id has %s bytes, got %s", BYTES, bytes.length);
        return fromBytes(bytes, 0);
    }

    public static NodeId fromBytes(byte[] b, int off) {
        return new NodeId(readLong(b, off), readLong(b, off + 8), (int) readUnsigned(b, off + 16, 4));
    }

    /** Parses exactly 40 hex digits (either case). */
    public static NodeId fromHex(String hex) {
        Checks.notNull(hex, "hex");
        Checks.check(hex.length() == 2 * BYTES, "a node id is %s hex digits, got %s: '%s'",
                2 * BYTES, hex.length(), hex.length() > 60 ? hex.substring(0, 60) + "..." : hex);
        try {
            return fromBytes(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex node id: '" + hex + "'", e);
        }
    }

    public static NodeId random(RandomGenerator random) {
        return new NodeId(random.nextLong(), random.nextLong(), random.nextInt());
    }

    public static NodeId fromBigInteger(BigInteger value) {
        Checks.check(value.signum() >= 0 && value.bitLength() <= BITS, "%s is outside [0, 2^160)", value);
        byte[] raw = value.toByteArray();
        byte[] out = new byte[BYTES];
        int copy = Math.min(raw.length, BYTES);
        System.arraycopy(raw, raw.length - copy, out, BYTES - copy, copy);
        return fromBytes(out);
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        writeTo(out, 0);
        return out;
    }

    public void writeTo(byte[] b, int off) {
        writeLong(b, off, hi);
        writeLong(b, off + 8, mid);
        for (int i = 0; i < 4; i++) {
            b[off + 16 + i] = (byte) (lo >>> (24 - 8 * i));
        }
    }

    public long hiBits() {
        return hi;
    }

    public long midBits() {
        return mid;
    }

    public int loBits() {
        return lo;
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, toBytes());
    }

    public String toHex() {
        return HEX.formatHex(toBytes());
    }

    /** The first 8 hex digits, for logs. */
    public String shortId() {
        return HEX.toHexDigits((int) (hi >>> 32));
    }

    /** Bit {@code i}, counting from the least significant bit 0 to the most significant 159. */
    public boolean testBit(int i) {
        Checks.inRange(i, 0, BITS - 1, "bit");
        if (i < 32) {
            return ((lo >>> i) & 1) != 0;
        } else if (i < 96) {
            return ((mid >>> (i - 32)) & 1) != 0;
        }
        return ((hi >>> (i - 96)) & 1) != 0;
    }

    public NodeId xor(NodeId other) {
        return new NodeId(hi ^ other.hi, mid ^ other.mid, lo ^ other.lo);
    }

    /** The number of leading bits this id shares with {@code other}, 0..160. */
    public int commonPrefixLength(NodeId other) {
        long h = hi ^ other.hi;
        if (h != 0) {
            return Long.numberOfLeadingZeros(h);
        }
        long m = mid ^ other.mid;
        if (m != 0) {
            return 64 + Long.numberOfLeadingZeros(m);
        }
        int l = lo ^ other.lo;
        return l != 0 ? 128 + Integer.numberOfLeadingZeros(l) : BITS;
    }

    /** {@code (this + other) mod 2^160}. */
    public NodeId plus(NodeId other) {
        long l = Integer.toUnsignedLong(lo) + Integer.toUnsignedLong(other.lo);
        long carry1 = l >>> 32;
        long m = mid + other.mid;
        long carry2 = Long.compareUnsigned(m, mid) < 0 ? 1 : 0;
        long m2 = m + carry1;
        if (carry1 != 0 && m2 == 0) {
            carry2 = 1;
        }
        return new NodeId(hi + other.hi + carry2, m2, (int) l);
    }

    /** {@code (this - other) mod 2^160}. */
    public NodeId minus(NodeId other) {
        long l = Integer.toUnsignedLong(lo) - Integer.toUnsignedLong(other.lo);
        long borrow1 = l < 0 ? 1 : 0;
        long m = mid - other.mid;
        long borrow2 = Long.compareUnsigned(mid, other.mid) < 0 ? 1 : 0;
        long m2 = m - borrow1;
        if (borrow1 != 0 && m == 0) {
            borrow2 = 1;
        }
        return new NodeId(hi - other.hi - borrow2, m2, (int) l);
    }

    /**
     * This id with every bit after the first {@code prefix} set to {@code ones}: the first (false)
     * or last (true) id of the range that shares this id's first {@code prefix} bits, which is a
     * Kademlia bucket's or a lookup's range of candidates.
     */
    public NodeId withLowBits(int prefix, boolean ones) {
        Checks.inRange(prefix, 0, BITS, "prefix");
        long hiMask = prefix >= 64 ? 0 : -1L >>> prefix;
        long midMask = prefix >= 128 ? 0 : prefix <= 64 ? -1L : -1L >>> (prefix - 64);
        int loMask = prefix >= BITS ? 0 : prefix <= 128 ? -1 : -1 >>> (prefix - 128);
        return ones ? new NodeId(hi | hiMask, mid | midMask, lo | loMask)
                : new NodeId(hi & ~hiMask, mid & ~midMask, lo & ~loMask);
    }

    /** {@code (this + 2^i) mod 2^160}: the start of Chord finger {@code i}. */
    public NodeId plusPowerOfTwo(int i) {
        Checks.inRange(i, 0, BITS - 1, "exponent");
        if (i < 32) {
            return plus(new NodeId(0, 0, 1 << i));
        } else if (i < 96) {
            return plus(new NodeId(0, 1L << (i - 32), 0));
        }
        return plus(new NodeId(1L << (i - 96), 0, 0));
    }

    /** Clockwise distance from this id to {@code other}: {@code (other - this) mod 2^160}. */
    public NodeId ringDistanceTo(NodeId other) {
        return other.minus(this);
    }

    /**
     * Compares the clockwise distances from this id to {@code x} and to {@code y}, as
     * {@code ringDistanceTo(x).compareTo(ringDistanceTo(y))} would, without allocating: interval
     * tests run on every routing decision.
     */
    public int compareRingDistances(NodeId x, NodeId y) {
        // (x - this) and (y - this) mod 2^160, word by word with borrows, compared from the top word down.
        long xl = Integer.toUnsignedLong(x.lo) - Integer.toUnsignedLong(lo);
        long yl = Integer.toUnsignedLong(y.lo) - Integer.toUnsignedLong(lo);
        long xb = xl >>> 63;
        long yb = yl >>> 63;
        long xm = x.mid - mid - xb;
        long ym = y.mid - mid - yb;
        long xh = x.hi - hi - borrowOut(x.mid, mid, xb);
        long yh = y.hi - hi - borrowOut(y.mid, mid, yb);
        int c = Long.compareUnsigned(xh, yh);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(xm, ym);
        return c != 0 ? c : Integer.compareUnsigned((int) xl, (int) yl);
    }

    /**
     * Compares the XOR distances from this id to {@code x} and to {@code y}, as
     * {@code xor(x).compareTo(xor(y))} would, without allocating: Kademlia sorts candidates by it.
     */
    public int compareXorDistances(NodeId x, NodeId y) {
        int c = Long.compareUnsigned(x.hi ^ hi, y.hi ^ hi);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(x.mid ^ mid, y.mid ^ mid);
        return c != 0 ? c : Integer.compareUnsigned(x.lo ^ lo, y.lo ^ lo);
    }

    /** The borrow out of {@code a - b - borrowIn} on 64-bit unsigned words. */
    private static long borrowOut(long a, long b, long borrowIn) {
        int c = Long.compareUnsigned(a, b);
        return c < 0 || (c == 0 && borrowIn != 0) ? 1 : 0;
    }

    /** True when this id lies in the open ring interval (a, b); (a, a) is the ring without a. */
    public boolean isInOpenOpen(NodeId a, NodeId b) {
        if (a.equals(b)) {
            return !equals(a);
        }
        return !equals(a) && a.compareRingDistances(this, b) < 0;
    }

    /** True when this id lies in the half-open ring interval (a, b]; (a, a] is the whole ring. */
    public boolean isInOpenClosed(NodeId a, NodeId b) {
        if (a.equals(b)) {
            return true;
        }
        return !equals(a) && a.compareRingDistances(this, b) <= 0;
    }

    /** True when this id lies in the half-open ring interval [a, b); [a, a) is the whole ring. */
    public boolean isInClosedOpen(NodeId a, NodeId b) {
        if (a.equals(b)) {
            return true;
        }
        return a.compareRingDistances(this, b) < 0;
    }

    public boolean isZero() {
        return hi == 0 && mid == 0 && lo == 0;
    }

    @Override
    public int compareTo(NodeId o) {
        int c = Long.compareUnsigned(hi, o.hi);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(mid, o.mid);
        return c != 0 ? c : Integer.compareUnsigned(lo, o.lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId other && hi == other.hi && mid == other.mid && lo == other.lo;
    }

    @Override
    public int hashCode() {
        // SHA-1 output is uniform, so the low bits already spread well; mix anyway for crafted ids.
        long h = hi * 0x9E3779B97F4A7C15L ^ mid * 0xC2B2AE3D27D4EB4FL ^ lo;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return toHex();
    }

    private static long readLong(byte[] b, int off) {
        return readUnsigned(b, off, 8);
    }

    private static long readUnsigned(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
