package io.chordia.routing.replication;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.util.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records this node replicates together with one neighbour, as a snapshot sorted by key,
 * answering the digest of any key range that shares a prefix. A range's digest is the XOR of its
 * records' 128-bit digests: it needs no tree to be kept up to date, any range's digest is two
 * lookups in a running XOR, and two replicas agree on a range exactly when their digests do (up to
 * a 2^-128 accident). Immutable.
 */
final class SharedRecords {
    static final SharedRecords EMPTY = new SharedRecords(new NodeId[0], new long[0], new long[0]);
    private static final Bytes ZERO_DIGEST = Bytes.wrapOwned(new byte[RangeDigests.DIGEST_BYTES]);

    private final NodeId[] keys;
    private final long[] high;
    private final long[] low;
    /** XOR of the digests of records 0 .. i-1, so any run of records' digest is two reads. */
    private final long[] runningHigh;
    private final long[] runningLow;

    private SharedRecords(NodeId[] keys, long[] high, long[] low) {
        this.keys = keys;
        this.high = high;
        this.low = low;
        this.runningHigh = new long[keys.length + 1];
        this.runningLow = new long[keys.length + 1];
        for (int i = 0; i < keys.length; i++) {
            runningHigh[i + 1] = runningHigh[i] ^ high[i];
            runningLow[i + 1] = runningLow[i] ^ low[i];
        }
    }

    /** A snapshot of {@code keys} (ascending, distinct) with their {@link RangeDigests#DIGEST_BYTES}-byte digests. */
    static SharedRecords of(List<NodeId> keys, List<Bytes> digests) {
        int n = keys.size();
        NodeId[] k = keys.toArray(NodeId[]::new);
        long[] h = new long[n];
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && k[i - 1].compareTo(k[i]) >= 0) {
                throw new IllegalArgumentException("keys must be ascending and distinct");
            }
            byte[] d = digests.get(i).toArray();
            h[i] = longAt(d, 0);
            l[i] = longAt(d, 8);
        }
        return new SharedRecords(k, h, l);
    }

    int size() {
        return keys.length;
    }

    /** The digest of the records whose keys start with {@code prefix}'s first {@code bits} bits. */
    Bytes digest(NodeId prefix, int bits) {
        int from = from(prefix, bits);
        int to = to(prefix, bits);
        long h = runningHigh[to] ^ runningHigh[from];
        long l = runningLow[to] ^ runningLow[from];
        if (h == 0 && l == 0) {
            return ZERO_DIGEST;
        }
        byte[] out = new byte[RangeDigests.DIGEST_BYTES];
        putLong(out, 0, h);
        putLong(out, 8, l);
        return Bytes.wrapOwned(out);
    }

    /** Records in the range. */
    int count(NodeId prefix, int bits) {
        return to(prefix, bits) - from(prefix, bits);
    }

    /** The digests of the range's {@link RangeDigests#FANOUT} sub-ranges, in key order. */
    List<Bytes> children(NodeId prefix, int bits) {
        List<Bytes> out = new ArrayList<>(RangeDigests.FANOUT);
        for (int i = 0; i < RangeDigests.FANOUT; i++) {
            out.add(digest(child(prefix, bits, i), bits + RangeDigests.FANOUT_BITS));
        }
        return out;
    }

    /** The range's records, key and digest. */
    List<RangeDigests.Entry> entries(NodeId prefix, int bits) {
        int to = to(prefix, bits);
        List<RangeDigests.Entry> out = new ArrayList<>();
        for (int i = from(prefix, bits); i < to; i++) {
            out.add(new RangeDigests.Entry(keys[i], recordDigest(i)));
        }
        return out;
    }

    /** The keys in the range, ascending. */
    List<NodeId> keys(NodeId prefix, int bits) {
        return Arrays.asList(keys).subList(from(prefix, bits), to(prefix, bits));
    }

    /** The digest of the record under {@code key}, or null if there is none. */
    Bytes digestOf(NodeId key) {
        int i = Arrays.binarySearch(keys, key);
        return i < 0 ? null : recordDigest(i);
    }

    /** Sub-range {@code i} of a range: its prefix with the next {@link RangeDigests#FANOUT_BITS} bits set to {@code i}. */
    static NodeId child(NodeId prefix, int bits, int i) {
        BigInteger next = BigInteger.valueOf(i).shiftLeft(NodeId.BITS - bits - RangeDigests.FANOUT_BITS);
        return NodeId.fromBigInteger(prefix.toBigInteger().or(next));
    }

    private Bytes recordDigest(int i) {
        byte[] out = new byte[RangeDigests.DIGEST_BYTES];
        putLong(out, 0, high[i]);
        putLong(out, 8, low[i]);
        return Bytes.wrapOwned(out);
    }

    private int from(NodeId prefix, int bits) {
        return lowerBound(prefix.withLowBits(bits, false));
    }

    private int to(NodeId prefix, int bits) {
        NodeId last = prefix.withLowBits(bits, true);
        return last.equals(NodeId.MAX) ? keys.length : lowerBound(NodeId.fromBigInteger(last.toBigInteger().add(BigInteger.ONE)));
    }

    /** The first index whose key is at least {@code key}. */
    private int lowerBound(NodeId key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? i : -i - 1;
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
