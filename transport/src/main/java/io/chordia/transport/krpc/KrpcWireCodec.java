package io.chordia.transport.krpc;

import static io.chordia.transport.krpc.KrpcFields.malformed;

import io.chordia.core.message.Ack;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.EnvelopeHints;
import io.chordia.core.message.ErrorReply;
import io.chordia.core.message.Nodes;
import io.chordia.core.message.Peers;
import io.chordia.core.message.Pong;
import io.chordia.core.message.Request;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.net.Address;
import io.chordia.core.transport.DropReason;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.transport.WireCodec;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeException;
import io.chordia.transport.bencode.BencodeLimits;
import io.chordia.transport.bencode.BencodeValue;
import io.chordia.transport.bencode.BencodeWriter;
import io.chordia.transport.bencode.KeyOrder;

/**
 * Envelopes as KRPC messages (BEP 5): a bencoded dictionary with the transaction id {@code t}, the
 * kind {@code y} (query, response, error) and our version {@code v}; queries name their method
 * {@code q} with arguments {@code a}, responses carry results {@code r}, errors {@code e}. The
 * sender's id is {@code a.id} or {@code r.id}; its address is where the datagram came from, so
 * decoding needs the source ({@link #decode(byte[], int, int, Address, Address)}).
 *
 * <p>Mapped: ping / {@link Pong}, find_node / {@link Nodes} (BEP 32 {@code nodes6} for IPv6),
 * get_peers / {@link Peers}, announce_peer / {@link Ack}, BEP 44 get / {@link io.chordia.core.message.Item}
 * and put / {@link Ack}, errors / {@link ErrorReply}
 * ({@link KrpcErrorCodes}); a query for any other method becomes an {@link UnknownQuery}, which the
 * RPC layer refuses with 204. Responses carry BEP 42's {@code ip} (the requester's address); a
 * decoded envelope's {@link EnvelopeHints} hold it and BEP 43's {@code ro}. Other messages have no
 * KRPC form: encoding one throws {@link IllegalArgumentException}.
 *
 * <p>Decoding is liberal where BEP 5 asks (unknown keys ignored, keys in any order, a malformed
 * optional field read as absent) and bounded everywhere: bencode within
 * {@link BencodeLimits#defaults()}, contacts and peers counted before they are built. Every refusal
 * is a {@link MalformedMessageException}, MALFORMED or OVERSIZE. Not thread-safe (the table of
 * peers' long transaction ids).
 */
public final class KrpcWireCodec implements WireCodec {
    private final KrpcConfig config;
    private final BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.defaults(), KeyOrder.ANY);
    private final KrpcTransactionIds foreignIds;
    private final KrpcMessages messages = new KrpcMessages();
    private final KrpcMessageWriter writer;
    private final BencodeWriter scratch = new BencodeWriter(1536);
    /** The envelope whose encoding {@link #scratch} holds: a reply sized for a budget is then sent without writing it again. */
    private Envelope written;

    public KrpcWireCodec(KrpcConfig config) {
        this.config = Checks.notNull(config, "config");
        this.foreignIds = new KrpcTransactionIds(config.foreignIdMemory());
        this.writer = new KrpcMessageWriter(config, foreignIds);
    }

    /** Takes an encoded datagram out of the codec's buffer, which the next encoding overwrites. */
    @FunctionalInterface
    public interface EncodedDatagram<T> {
        T copy(byte[] array, int length);
    }

    public KrpcConfig config() {
        return config;
    }

    @Override
    public byte[] encode(Envelope envelope) {
        write(envelope);
        return scratch.toByteArray();
    }

    /**
     * Encodes {@code envelope} into the codec's buffer and hands the bytes to {@code into} (a copy
     * straight into the outgoing datagram), with the exception {@link #encode(Envelope)} throws.
     */
    public <T> T encode(Envelope envelope, EncodedDatagram<T> into) {
        int length = write(envelope); // before the array: writing may have grown it
        return into.copy(scratch.array(), length);
    }

    /**
     * Encodes into the codec's buffer and keeps the bytes: the guard sizes a reply to an unverified
     * address and then sends that same envelope, whose encoding is then copied, not written again.
     */
    @Override
    public int encodedLength(Envelope envelope) {
        return write(envelope);
    }

    private int write(Envelope envelope) {
        if (envelope != written) {
            written = null;
            writer.write(envelope, scratch.reset());
            checkSize(envelope, scratch.length());
            written = envelope;
        }
        return scratch.length();
    }

    /**
     * The length of {@code envelope} on the wire when both ends are Chordia nodes, for the
     * simulator's byte counts, where no query was decoded first: a reply then echoes one of our
     * {@value KrpcTransactionIds#OURS_BYTES}-byte ids, which this codec's table of peers' ids never
     * held. Throws {@link IllegalArgumentException} as {@link #encodedLength} does.
     */
    public int encodedLengthBetweenOurNodes(Envelope envelope) {
        if (envelope.body() instanceof Request<?>) {
            return encodedLength(envelope);
        }
        // Sized under a packed 7-byte placeholder id: "7:" and "9:" have one length digit each.
        Envelope placeholder = new Envelope(KrpcTransactionIds.PACKED_PLACEHOLDER, envelope.sender(), envelope.recipient(),
                envelope.body(), envelope.hints());
        return encodedLength(placeholder) + KrpcTransactionIds.OURS_BYTES - KrpcTransactionIds.PACKED_PLACEHOLDER_BYTES;
    }

    /**
     * Always throws {@link IllegalStateException}: a KRPC message does not name its sender's
     * address, so use {@link #decode(byte[], int, int, Address, Address)} with the datagram's source.
     */
    @Override
    public Envelope decode(byte[] data, int offset, int length, Address recipient) {
        throw new IllegalStateException("KRPC takes the sender's address from the datagram: pass its source");
    }

    @Override
    public Envelope decode(byte[] data, int offset, int length, Address source, Address recipient)
            throws MalformedMessageException {
        Checks.check(offset >= 0 && length >= 0 && offset <= data.length - length,
                "range [%s, +%s) outside array of %s bytes", offset, length, data.length);
        Checks.notNull(source, "source");
        Checks.notNull(recipient, "recipient");
        if (length > config.maxEncodedBytes()) {
            throw new MalformedMessageException(DropReason.OVERSIZE, length + " bytes, at most " + config.maxEncodedBytes());
        }
        BencodeValue value;
        try {
            value = decoder.decode(data, offset, length);
        } catch (BencodeException e) {
            throw malformed("bencode " + e.getMessage());
        }
        try {
            return decode(value, source, recipient, length);
        } catch (IllegalArgumentException e) {
            // A record constructor refused a field: decoding is validation.
            throw malformed("invalid field: " + e.getMessage());
        } catch (RuntimeException e) {
            // Defence in depth: no input may make anything else escape.
            throw malformed("undecodable: " + e);
        }
    }

    private Envelope decode(BencodeValue value, Address source, Address recipient, int length)
            throws MalformedMessageException {
        if (!(value instanceof BencodeDictionary message)) {
            throw malformed("not a dictionary");
        }
        byte[] t = KrpcFields.bytes(message, "t");
        Bytes y = KrpcFields.value(message, "y");
        EnvelopeHints hints = hints(message);
        if (isOneByte(y, 'q')) {
            if (t.length == 0 || t.length > KrpcTransactionIds.MAX_FOREIGN_BYTES) {
                throw malformed("a query's transaction id of " + t.length + " bytes");
            }
            KrpcMessages.Query query = messages.query(message, source);
            // Only once the query is valid: invalid ones must not take places in the table.
            return new Envelope(foreignIds.fromForeign(t), query.sender(), recipient, query.body(),
                    new EnvelopeHints(hints.readOnly(), hints.observedAddress(), false, length, false));
        }
        KrpcMethod method = KrpcTransactionIds.methodOfOurs(t);
        if (method == null) {
            throw malformed("an answer under transaction id of " + t.length + " bytes, not one of ours");
        }
        long txId = KrpcTransactionIds.txIdOfOurs(t);
        if (isOneByte(y, 'r')) {
            KrpcMessages.Answer answer = messages.response(message, method, source, hints, recipient);
            return new Envelope(txId, answer.sender(), recipient, answer.body(), hints);
        }
        if (isOneByte(y, 'e')) {
            return new Envelope(txId, KrpcMessages.anonymous(source), recipient, messages.error(message),
                    new EnvelopeHints(hints.readOnly(), hints.observedAddress(), true));
        }
        throw malformed("message kind 'y' of " + y.length() + " bytes, not q, r or e");
    }

    private static boolean isOneByte(Bytes value, char c) {
        return value.length() == 1 && value.byteAt(0) == c;
    }

    private static EnvelopeHints hints(BencodeDictionary message) {
        boolean readOnly = KrpcFields.optionalInteger(message, "ro", 0) == 1;
        byte[] ip = KrpcFields.optionalBytes(message, "ip");
        Address observed = ip == null ? null : CompactInfo.readAddress(ip);
        return readOnly || observed != null ? new EnvelopeHints(readOnly, observed, false) : EnvelopeHints.NONE;
    }

    private int checkSize(Envelope envelope, long size) {
        if (size > config.maxEncodedBytes()) {
            throw new IllegalArgumentException(envelope.body().getClass().getSimpleName() + " encodes to " + size
                    + " bytes in KRPC, at most " + config.maxEncodedBytes());
        }
        return (int) size;
    }

    /** The table of peers' transaction ids, for a reference encoder in tests. */
    KrpcTransactionIds foreignIds() {
        return foreignIds;
    }
}
