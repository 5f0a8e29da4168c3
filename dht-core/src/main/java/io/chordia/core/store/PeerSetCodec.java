package io.chordia.core.store;

import io.chordia.core.util.Bytes;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a {@link RecordKind#PEER_SET} record:
 * {@code format u8 = 1 | count u8 | per entry: signer (32), ip length u8 (4 or 16), ip, port u16,
 * sequence u64, expiry u32 (epoch seconds), signature (64)}, entries in ascending order of signer
 * key with no signer twice. One canonical encoding per set, so replicas holding the same entries
 * hold the same bytes and their content digests agree.
 */
public final class PeerSetCodec {
    /** Entries one value may carry: a reader's union of several replicas' sets still fits (128 IPv6 entries are 15.7 KiB). */
    public static final int MAX_ENTRIES = 128;
    static final int FORMAT = 1;
    /** An IPv4 entry, the smallest. */
    static final int MIN_ENTRY_BYTES = 32 + 1 + 4 + 2 + 8 + 4 + 64;

    private PeerSetCodec() {}

    /** Encodes {@code entries} in canonical order; throws IllegalArgumentException for more than {@link #MAX_ENTRIES} or a signer twice. */
    public static Bytes encode(List<PeerSetEntry> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries in a peer set, got " + entries.size());
        }
        List<PeerSetEntry> sorted = new ArrayList<>(entries);
        sorted.sort(PeerSetCodec::bySigner);
        ByteBuffer b = ByteBuffer.allocate(2 + sorted.size() * (MIN_ENTRY_BYTES + 12));
        b.put((byte) FORMAT).put((byte) sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            PeerSetEntry e = sorted.get(i);
            if (i > 0 && bySigner(sorted.get(i - 1), e) == 0) {
                throw new IllegalArgumentException("signer " + e.signer().toHex() + " twice in one peer set");
            }
            b.put(e.signer().toArray()).put((byte) e.ip().length()).put(e.ip().toArray()).putShort((short) e.port())
                    .putLong(e.sequence()).putInt((int) e.expiresEpochSecond()).put(e.signature().toArray());
        }
        return Bytes.copyOf(b.array(), 0, b.position());
    }

    /**
     * Decodes a value; throws IllegalArgumentException when it is malformed (unknown format, count
     * over the bound or past the bytes present, bad field, unsorted or repeated signer, trailing
     * bytes). Signatures are not checked here: {@link PeerSetRules} does that.
     */
    public static List<PeerSetEntry> decode(Bytes value) {
        ByteBuffer b = ByteBuffer.wrap(value.toArray());
        try {
            int format = b.get() & 0xFF;
            if (format != FORMAT) {
                throw new IllegalArgumentException("peer-set format " + format + ", expected " + FORMAT);
            }
            int count = b.get() & 0xFF;
            if (count > MAX_ENTRIES || (long) count * MIN_ENTRY_BYTES > b.remaining()) {
                throw new IllegalArgumentException(count + " entries claimed in " + b.remaining() + " bytes");
            }
            List<PeerSetEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                PeerSetEntry e = readEntry(b);
                if (i > 0 && bySigner(entries.get(i - 1), e) >= 0) {
                    throw new IllegalArgumentException("entries out of signer order at " + i);
                }
                entries.add(e);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the last entry");
            }
            return entries;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a peer set cut short", e);
        }
    }

    private static PeerSetEntry readEntry(ByteBuffer b) {
        Bytes signer = take(b, DhtRecord.PUBLIC_KEY_BYTES);
        int ipLength = b.get() & 0xFF;
        if (ipLength != 4 && ipLength != 16) {
            throw new IllegalArgumentException("an IP address of " + ipLength + " bytes");
        }
        Bytes ip = take(b, ipLength);
        int port = b.getShort() & 0xFFFF;
        long sequence = b.getLong();
        long expiry = b.getInt() & 0xFFFF_FFFFL;
        return new PeerSetEntry(signer, ip, port, sequence, expiry, take(b, DhtRecord.SIGNATURE_BYTES));
    }

    private static Bytes take(ByteBuffer b, int length) {
        byte[] out = new byte[length];
        b.get(out);
        return Bytes.wrapOwned(out);
    }

    /** Unsigned lexicographic order of the signers' keys. */
    static int bySigner(PeerSetEntry a, PeerSetEntry b) {
        return compareSigners(a.signer(), b.signer());
    }

    static int compareSigners(Bytes a, Bytes b) {
        for (int i = 0; i < DhtRecord.PUBLIC_KEY_BYTES; i++) {
            int c = Integer.compare(a.byteAt(i) & 0xFF, b.byteAt(i) & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
