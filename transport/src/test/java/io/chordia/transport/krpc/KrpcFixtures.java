package io.chordia.transport.krpc;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.core.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Addresses, ids and byte helpers shared by the KRPC tests. */
final class KrpcFixtures {
    /** A querier whose address is a name: replies to it carry no BEP 42 {@code ip}, as BEP 5's examples do not. */
    static final Address QUERIER = new Address("querier.example", 6881);
    static final Address RESPONDER = new Address("198.51.100.20", 6881);
    static final Address LOCAL = new Address("192.0.2.1", 6881);
    static final NodeId ABCD = id("abcdefghij0123456789");
    static final NodeId MNOP = id("mnopqrstuvwxyz123456");
    static final NodeId DIGITS_FIRST = id("0123456789abcdefghij");
    static final Bytes TOKEN = Bytes.wrapOwned(ascii("aoeusnth"));

    private KrpcFixtures() {}

    /** A codec that writes no {@code v}, as BEP 5's examples have none. */
    static KrpcWireCodec plainCodec() {
        return new KrpcWireCodec(KrpcConfig.defaults().withVersion(Bytes.EMPTY));
    }

    static NodeId id(String twentyChars) {
        return NodeId.fromBytes(ascii(twentyChars));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String latin1(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code bencoded} (a BEP 5 example, whose transaction id is {@code aa}) with the id we would
     * send for {@code method} under {@code txId} in its place.
     */
    static byte[] withOurTid(String bencoded, KrpcMethod method, long txId) {
        int at = bencoded.indexOf("1:t2:aa");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(bencoded.substring(0, at) + "1:t9:"));
        out.writeBytes(KrpcTransactionIds.ours(method, txId));
        out.writeBytes(ascii(bencoded.substring(at + "1:t2:aa".length())));
        return out.toByteArray();
    }

    static Envelope decode(KrpcWireCodec codec, byte[] data, Address source) throws MalformedMessageException {
        return codec.decode(data, 0, data.length, source, LOCAL);
    }

    static Contact contact(String idHex, String host, int port) {
        return new Contact(NodeId.fromHex(idHex), new Address(host, port));
    }
}
