package io.chordia.transport.krpc;

import io.chordia.core.message.AnnouncePeer;
import io.chordia.core.message.FindNode;
import io.chordia.core.message.GetItem;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.PutItem;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Request;
import io.chordia.core.message.UnknownQuery;
import io.chordia.core.util.Bytes;

/**
 * The KRPC query methods we map, each with the tag byte that opens the transaction ids of our
 * queries of that method: KRPC responses do not name their method, the tag does.
 */
enum KrpcMethod {
    PING("ping", 'p'),
    FIND_NODE("find_node", 'f'),
    GET_PEERS("get_peers", 'g'),
    ANNOUNCE_PEER("announce_peer", 'a'),
    /** BEP 44. */
    GET("get", 'G'),
    PUT("put", 'P'),
    /** A method we relay without knowing it (only tests and forwarding send one). */
    UNKNOWN(null, 'u');

    private static final KrpcMethod[] BY_TAG = new KrpcMethod[256];
    private static final KrpcMethod[] METHODS = values();

    static {
        for (KrpcMethod m : values()) {
            BY_TAG[m.tag] = m;
        }
    }

    private final String wireName;
    private final byte tag;

    KrpcMethod(String wireName, char tag) {
        this.wireName = wireName;
        this.tag = (byte) tag;
    }

    /** The {@code q} value; {@code null} for {@link #UNKNOWN}, whose name is the query's own. */
    String wireName() {
        return wireName;
    }

    byte tag() {
        return tag;
    }

    /** The method whose queries carry {@code tag}, or {@code null}. */
    static KrpcMethod ofTag(byte tag) {
        return BY_TAG[tag & 0xff];
    }

    /** The method named {@code q}, or {@link #UNKNOWN}. */
    static KrpcMethod ofWireName(String q) {
        for (KrpcMethod m : METHODS) {
            if (q.equals(m.wireName)) {
                return m;
            }
        }
        return UNKNOWN;
    }

    /** {@link #ofWireName} of the bytes of a query's {@code q}, read without making a String of them. */
    static KrpcMethod ofWireName(Bytes q) {
        for (KrpcMethod m : METHODS) {
            if (isAsciiOf(q, m.wireName)) {
                return m;
            }
        }
        return UNKNOWN;
    }

    private static boolean isAsciiOf(Bytes bytes, String ascii) {
        if (ascii == null || bytes.length() != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes.byteAt(i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static KrpcMethod of(Request<?> request) {
        if (request instanceof Ping) {
            return PING;
        } else if (request instanceof FindNode) {
            return FIND_NODE;
        } else if (request instanceof GetPeers) {
            return GET_PEERS;
        } else if (request instanceof AnnouncePeer) {
            return ANNOUNCE_PEER;
        } else if (request instanceof GetItem) {
            return GET;
        } else if (request instanceof PutItem) {
            return PUT;
        } else if (request instanceof UnknownQuery) {
            return UNKNOWN;
        }
        throw new IllegalArgumentException(request.getClass().getSimpleName() + " has no KRPC method");
    }
}
