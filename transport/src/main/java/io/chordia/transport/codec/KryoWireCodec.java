package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Message;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.util.Checks;
import io.chordia.transport.codec.ValueSerializers.ContactSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;

/**
 * The envelope codec. Wire format, version 1, all integers big-endian:
 *
 * <pre>
 *   magic 0xC0DA (2) | version 0x01 (1) | message type id (1, {@link WireRegistry})
 *   | transaction id (8) | sender contact | body (per type)
 * </pre>
 *
 * The recipient is not on the wire: the decoder is told where the bytes arrived. The header is
 * checked before Kryo sees the body; every length is checked against a bound and against the bytes
 * actually present before anything is allocated; bytes left after the body make the input
 * malformed. Decoding throws {@link MalformedMessageException} and nothing else for any input.
 *
 * <p>Two paths: {@code byte[]} ({@link WireCodec}) and Netty {@link ByteBuf}, which reads and
 * writes the buffer's memory in place (no intermediate array) for the UDP hot path.
 *
 * <p>Not thread-safe (Kryo and its Input/Output are not): confine each instance to one thread,
 * e.g. one per event loop.
 */
public final class KryoWireCodec implements WireCodec {
    public static final int MAGIC = 0xC0DA;
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 4;
    /** Header, transaction id and the smallest sender contact: no envelope is shorter. */
    public static final int MIN_ENVELOPE_BYTES = HEADER_BYTES + 8 + ContactSerializer.MIN_BYTES;
    /** The largest UDP payload over IPv4 (65,535 - 20 - 8). */
    public static final int MAX_DATAGRAM_BYTES = 65_507;
    /** The largest envelope on a stream: a 64 KiB value with room for the message around it. */
    public static final int MAX_FRAME_BYTES = 80 * 1024;

    private static final byte[] NO_BYTES = new byte[0];

    private final int maxEncodedBytes;
    private final Kryo kryo = WireRegistry.newKryo();
    private final Registration[] byWireId = new Registration[256];
    private final ContactSerializer contacts;
    private final Input arrayInput = new Input();
    private final ByteBufInput bufferInput = new ByteBufInput();
    private final Output arrayOutput = new Output();
    private final ByteBufOutput bufferOutput = new ByteBufOutput();

    /** @param maxEncodedBytes the largest envelope, in bytes, this codec writes or accepts */
    public KryoWireCodec(int maxEncodedBytes) {
        Checks.inRange(maxEncodedBytes, MIN_ENVELOPE_BYTES, MAX_FRAME_BYTES, "maxEncodedBytes");
        this.maxEncodedBytes = maxEncodedBytes;
        for (Map.Entry<Class<? extends Message>, Integer> e : WireRegistry.messageIds().entrySet()) {
            byWireId[e.getValue()] = kryo.getRegistration(e.getValue());
        }
        this.contacts = (ContactSerializer) kryo.getRegistration(Contact.class).getSerializer();
    }

    public int maxEncodedBytes() {
        return maxEncodedBytes;
    }

    /**
     * The encoded size of {@code envelope} in bytes, whatever the maximum; throws
     * {@link IllegalArgumentException} if its message type has no wire id.
     */
    public int encodedSize(Envelope envelope) {
        return HEADER_BYTES + 8 + contacts.sizeOf(envelope.sender()) + bodySerializer(envelope.body()).sizeOf(envelope.body());
    }

    /** Sizes without writing: the serializers' {@code sizeOf} is what {@link #encode} allocates, checked there. */
    @Override
    public int encodedLength(Envelope envelope) {
        return checkedSize(envelope);
    }

    @Override
    public byte[] encode(Envelope envelope) {
        int size = checkedSize(envelope);
        byte[] out = new byte[size];
        arrayOutput.setBuffer(out, size);
        try {
            write(arrayOutput, envelope, size);
        } finally {
            arrayOutput.setBuffer(NO_BYTES, 0);
        }
        return out;
    }

    /**
     * Encodes {@code envelope} straight into a new direct buffer of exactly its size, which the
     * caller owns. Throws {@link IllegalArgumentException} (and allocates nothing) if it would
     * exceed {@link #maxEncodedBytes()}.
     */
    public ByteBuf encode(Envelope envelope, ByteBufAllocator allocator) {
        int size = checkedSize(envelope);
        ByteBuf buf = allocator.directBuffer(size, size);
        try {
            bufferOutput.setBuffer(buf);
            write(bufferOutput, envelope, size);
            bufferOutput.finish();
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    @Override
    public Envelope decode(byte[] data, int offset, int length, Address recipient) throws MalformedMessageException {
        Checks.check(offset >= 0 && length >= 0 && offset <= data.length - length,
                "range [%s, +%s) outside array of %s bytes", offset, length, data.length);
        arrayInput.setBuffer(data, offset, length);
        try {
            return decode(arrayInput, length, recipient);
        } finally {
            arrayInput.setBuffer(NO_BYTES);
        }
    }

    /**
     * Decodes the readable bytes of {@code buf} in place, leaving its indices and reference count
     * alone.
     */
    public Envelope decode(ByteBuf buf, Address recipient) throws MalformedMessageException {
        int length = buf.readableBytes();
        if (buf.hasArray()) {
            arrayInput.setBuffer(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
            try {
                return decode(arrayInput, length, recipient);
            } finally {
                arrayInput.setBuffer(NO_BYTES);
            }
        }
        bufferInput.setBuffer(buf, buf.readerIndex(), length);
        try {
            return decode(bufferInput, length, recipient);
        } finally {
            bufferInput.release();
        }
    }

    private Envelope decode(Input in, int length, Address recipient) throws MalformedMessageException {
        if (length > maxEncodedBytes) {
            throw new MalformedMessageException(DropReason.OVERSIZE, length + " bytes, at most " + maxEncodedBytes);
        }
        try {
            Registration type = readHeader(in, length);
            long txId = WireIO.readLong(in, "transaction id");
            Contact sender = contacts.read(kryo, in, Contact.class);
            // Never readClassAndObject: the type comes from our table, not from the input.
            Message body = (Message) kryo.readObject(in, type.getType(), type.getSerializer());
            if (WireIO.remaining(in) != 0) {
                throw WireFormatException.malformed(WireIO.remaining(in) + " bytes after the "
                        + type.getType().getSimpleName());
            }
            return new Envelope(txId, sender, recipient, body);
        } catch (WireFormatException e) {
            throw new MalformedMessageException(e.reason(), e.getMessage());
        } catch (IllegalArgumentException e) {
            // A record constructor refused a field: decoding is validation.
            throw new MalformedMessageException(DropReason.MALFORMED, "invalid field: " + e.getMessage());
        } catch (RuntimeException e) {
            // Defence in depth: no input may make anything else escape.
            throw new MalformedMessageException(DropReason.MALFORMED, "undecodable: " + e);
        }
    }

    private Registration readHeader(Input in, int length) {
        if (length < HEADER_BYTES) {
            throw WireFormatException.malformed(length + " bytes, shorter than the header");
        }
        int magic = WireIO.readU16(in, "magic");
        int version = WireIO.readU8(in, "version");
        if (magic != MAGIC) {
            throw new WireFormatException(DropReason.BAD_HEADER, String.format("magic 0x%04x", magic));
        }
        if (version != VERSION) {
            throw new WireFormatException(DropReason.BAD_HEADER, "protocol version " + version + ", we speak " + VERSION);
        }
        int typeId = WireIO.readU8(in, "message type");
        Registration type = byWireId[typeId];
        if (type == null) {
            throw WireFormatException.malformed(String.format("unknown message type 0x%02x", typeId));
        }
        return type;
    }

    private int checkedSize(Envelope envelope) {
        int size = encodedSize(envelope);
        if (size > maxEncodedBytes) {
            throw new IllegalArgumentException(envelope.body().getClass().getSimpleName() + " encodes to " + size
                    + " bytes, at most " + maxEncodedBytes);
        }
        return size;
    }

    private void write(Output out, Envelope envelope, int size) {
        int start = out.position();
        Message body = envelope.body();
        WireIO.writeU16(out, MAGIC);
        WireIO.writeU8(out, VERSION);
        WireIO.writeU8(out, kryo.getRegistration(body.getClass()).getId());
        WireIO.writeLong(out, envelope.txId());
        contacts.write(kryo, out, envelope.sender());
        kryo.writeObject(out, body);
        if (out.position() - start != size) {
            throw new IllegalStateException(body.getClass().getSimpleName() + " wrote " + (out.position() - start)
                    + " bytes, its serializer sized it at " + size);
        }
    }

    @SuppressWarnings("unchecked")
    private WireSerializer<Message> bodySerializer(Message body) {
        // With registration required this throws IllegalArgumentException for a type with no wire id.
        return (WireSerializer<Message>) kryo.getRegistration(body.getClass()).getSerializer();
    }
}
