package io.chordia.transport.netty;

import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.codec.RandomEnvelopes;
import io.chordia.transport.codec.WireRegistry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded garbage for a live UDP transport: noise, truncations, bit flips, lengths and counts that
 * claim the maximum, trailing bytes, foreign headers and oversize datagrams, mixed with the odd
 * valid envelope. Never longer than {@link #MAX_LENGTH}, so a paced sender cannot overrun the
 * receiver's socket buffer.
 */
final class HostileDatagrams {
    static final int MAX_LENGTH = 3000;

    private final SplittableRandom random;
    private final RandomEnvelopes envelopes;
    private final KryoWireCodec codec = new KryoWireCodec(KryoWireCodec.MAX_DATAGRAM_BYTES);
    private final Address recipient;

    HostileDatagrams(long seed, Address recipient) {
        this.random = new SplittableRandom(seed);
        this.envelopes = new RandomEnvelopes(random);
        this.recipient = recipient;
    }

    byte[] next() {
        byte[] valid = validEncoding();
        switch (random.nextInt(10)) {
            case 0:
                return noise(random.nextInt(1, 1400));
            case 1:
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2:
                return flipBits(valid);
            case 3:
                return claimTheMaximum();
            case 4:
                return withTrailingBytes(valid);
            case 5:
                return withHeader(noise(random.nextInt(KryoWireCodec.HEADER_BYTES, 1400)));
            case 6:
                byte[] foreign = valid.clone();
                foreign[random.nextInt(KryoWireCodec.HEADER_BYTES - 1)] ^= (byte) (1 + random.nextInt(255));
                return foreign;
            case 7:
                return noise(random.nextInt(1233, MAX_LENGTH + 1)); // over the 1232-byte default maximum
            case 8:
                return valid; // legitimately may exceed the maximum: then it is oversize too
            default:
                return Arrays.copyOf(valid, random.nextInt(KryoWireCodec.HEADER_BYTES));
        }
    }

    private byte[] validEncoding() {
        Envelope e = envelopes.next();
        byte[] bytes = codec.encode(new Envelope(e.txId(), e.sender(), recipient, e.body()));
        return bytes.length <= MAX_LENGTH ? bytes : Arrays.copyOf(bytes, MAX_LENGTH);
    }

    private byte[] noise(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private byte[] flipBits(byte[] valid) {
        byte[] b = valid.clone();
        for (int n = random.nextInt(1, 9); n > 0; n--) {
            int bit = random.nextInt(b.length * 8);
            b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return b;
    }

    private byte[] withTrailingBytes(byte[] valid) {
        byte[] b = Arrays.copyOf(valid, Math.min(MAX_LENGTH, valid.length + random.nextInt(1, 16)));
        b[b.length - 1] = (byte) random.nextInt();
        return b;
    }

    private byte[] withHeader(byte[] body) {
        body[0] = (byte) 0xC0;
        body[1] = (byte) 0xDA;
        body[2] = 1;
        body[3] = (byte) (random.nextBoolean() ? WireRegistry.NODES : random.nextInt(256));
        return body;
    }

    /** A valid prefix up to a count or length field, which then claims far more than follows. */
    private byte[] claimTheMaximum() {
        byte[] p = codec.encode(new Envelope(random.nextLong(), envelopes.contact(), recipient, new Ping()));
        byte[] tail;
        switch (random.nextInt(4)) {
            case 0:
                p[3] = (byte) WireRegistry.NODES;
                tail = new byte[] {(byte) 0xFF};
                break;
            case 1:
                p[3] = (byte) WireRegistry.NODES;
                tail = concat(new byte[] {64}, noise(random.nextInt(60)));
                break;
            case 2:
                p[3] = (byte) WireRegistry.ERROR_REPLY;
                tail = new byte[] {1, (byte) 0xFF, (byte) 0xFF, 'x'};
                break;
            default:
                p[3] = (byte) WireRegistry.PONG;
                tail = new byte[] {1, (byte) 0xFF, 'a', 'b'};
                break;
        }
        return concat(p, tail);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
