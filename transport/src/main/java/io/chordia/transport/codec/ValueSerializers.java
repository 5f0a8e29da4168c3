package io.chordia.transport.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.net.Ipv4Literal;
import java.nio.charset.StandardCharsets;

/** Serializers of the values messages are made of: ids, addresses, contacts. */
final class ValueSerializers {
    /** Address kind: a dotted-quad IPv4 literal, sent as 4 bytes. */
    static final int ADDRESS_IPV4 = 4;
    /** Address kind: a canonical IPv6 literal, sent as 16 bytes. */
    static final int ADDRESS_IPV6 = 6;
    /** Address kind: any other host text (a name, a non-canonical literal), sent as a length byte and ASCII. */
    static final int ADDRESS_TEXT = 1;

    private ValueSerializers() {}

    /** A {@link NodeId} as its 20 raw bytes, most significant first. */
    static final class NodeIdSerializer extends WireSerializer<NodeId> {
        @Override
        int sizeOf(NodeId value) {
            return NodeId.BYTES;
        }

        @Override
        public void write(Kryo kryo, Output out, NodeId id) {
            WireIO.writeLong(out, id.hiBits());
            WireIO.writeLong(out, id.midBits());
            WireIO.writeInt(out, id.loBits());
        }

        @Override
        public NodeId read(Kryo kryo, Input in, Class<? extends NodeId> type) {
            WireIO.need(in, NodeId.BYTES, "node id");
            return NodeId.of(WireIO.readLong(in, "node id"), WireIO.readLong(in, "node id"), WireIO.readInt(in, "node id"));
        }
    }

    /**
     * An {@link Address}: a kind byte, then 4 bytes of IPv4, 16 of IPv6, or a length byte (1..253)
     * and the host's ASCII characters; then the port as 2 bytes. Literals go binary only in their
     * canonical text form ({@link Ipv4Literal}, {@link Ipv6Literal}), and the decoder refuses a
     * canonical literal sent as text, so every address has exactly one encoding and decoding gives
     * back the very same host string.
     */
    static final class AddressSerializer extends WireSerializer<Address> {
        private static final byte[] TEXT = new byte[0];
        private static final int MIN_FORM_SLOTS = 1 << 10;
        private static final int MAX_FORM_SLOTS = 1 << 16;
        private static final int FORM_WINDOW = 1 << 13;

        /** IPv4 addresses decoded lately, by (address, port): peers recur, and Address validates per char. */
        private final long[] recentKeys = new long[256];
        private final Address[] recent = new Address[256];
        /**
         * Binary forms of hosts other than IPv4 lately encoded, two ways per set (most recent first): sizeOf and
         * write look at the same strings in turn, and replies repeat the contacts of the routing
         * table. It starts small (a node's codec sees few peers) and grows while it misses more
         * than one lookup in 16, up to {@link #MAX_FORM_SLOTS}: the simulator sizes every datagram
         * of thousands of nodes with one codec, and parsing the literal again on each miss was a
         * tenth of its time.
         */
        private String[] formHosts = new String[MIN_FORM_SLOTS];
        private byte[][] forms = new byte[MIN_FORM_SLOTS][];
        private int formLookups;
        private int formMisses;

        @Override
        int sizeOf(Address a) {
            if (a.ipv4() >= 0) {
                return 1 + 4 + 2;
            }
            int binary = binaryForm(a.host()).length;
            return binary > 0 ? 1 + binary + 2 : 1 + 1 + a.host().length() + 2;
        }

        @Override
        public void write(Kryo kryo, Output out, Address a) {
            if (a.ipv4() >= 0) {
                WireIO.writeU8(out, ADDRESS_IPV4);
                WireIO.writeInt(out, (int) a.ipv4());
                WireIO.writeU16(out, a.port());
                return;
            }
            String host = a.host();
            byte[] binary = binaryForm(host);
            if (binary.length == 16) {
                WireIO.writeU8(out, ADDRESS_IPV6);
                out.writeBytes(binary);
            } else {
                WireIO.writeU8(out, ADDRESS_TEXT);
                WireIO.writeU8(out, host.length());
                // Address admits only printable ASCII, so one byte per char is exact.
                for (int i = 0; i < host.length(); i++) {
                    out.writeByte(host.charAt(i));
                }
            }
            WireIO.writeU16(out, a.port());
        }

        @Override
        public Address read(Kryo kryo, Input in, Class<? extends Address> type) {
            int kind = WireIO.readU8(in, "address kind");
            String host;
            if (kind == ADDRESS_IPV4) {
                return readIpv4(in);
            } else if (kind == ADDRESS_IPV6) {
                WireIO.need(in, 16, "IPv6 address");
                host = Ipv6Literal.format(in.readBytes(16));
                if (host == null) {
                    throw WireFormatException.malformed("IPv4-mapped address sent as IPv6");
                }
            } else if (kind == ADDRESS_TEXT) {
                int length = WireIO.readU8(in, "host length");
                if (length == 0 || length > Address.MAX_HOST_LENGTH) {
                    throw WireFormatException.malformed("host length " + length + " outside 1.." + Address.MAX_HOST_LENGTH);
                }
                WireIO.need(in, length, "host");
                // Bytes above 0x7F become chars Address rejects, so Latin-1 is a safe 1:1 decoding.
                host = new String(in.readBytes(length), StandardCharsets.ISO_8859_1);
                if (computeBinaryForm(host).length > 0) {
                    throw WireFormatException.malformed("IP literal " + host + " sent as text");
                }
            } else {
                throw WireFormatException.malformed("unknown address kind " + kind);
            }
            return new Address(host, WireIO.readU16(in, "port"));
        }

        private Address readIpv4(Input in) {
            int ip = WireIO.readInt(in, "IPv4 address");
            int port = WireIO.readU16(in, "port");
            long key = (long) ip << 16 | port; // port 0 is invalid, so key 0 never names a real entry
            int slot = mix(ip ^ port * 0x9E3779B9) & (recent.length - 1);
            if (recentKeys[slot] == key && key != 0) {
                return recent[slot];
            }
            Address a = new Address(Ipv4Literal.format(ip), port);
            recentKeys[slot] = key;
            recent[slot] = a;
            return a;
        }

        private byte[] binaryForm(String host) {
            if (++formLookups == FORM_WINDOW) {
                formLookups = 0;
                formMisses = 0;
            }
            int first = mix(host.hashCode()) & (formHosts.length - 2);
            // Identity first (the usual hit); equal text from another source hits too, rather than thrash the set.
            if (isHost(formHosts[first], host)) {
                return forms[first];
            }
            byte[] form;
            if (isHost(formHosts[first + 1], host)) {
                form = forms[first + 1];
            } else {
                form = computeBinaryForm(host);
                if (++formMisses > FORM_WINDOW / 16 && formHosts.length < MAX_FORM_SLOTS) {
                    // Thrashing: start again four times as big (the lost entries refill on use).
                    formHosts = new String[formHosts.length * 4];
                    forms = new byte[formHosts.length][];
                    formMisses = 0;
                    formLookups = 0;
                    first = mix(host.hashCode()) & (formHosts.length - 2);
                }
            }
            formHosts[first + 1] = formHosts[first];
            forms[first + 1] = forms[first];
            formHosts[first] = host;
            forms[first] = form;
            return form;
        }

        private static boolean isHost(String cached, String host) {
            return cached == host || host.equals(cached);
        }

        /** 4 bytes for canonical IPv4, 16 for canonical IPv6, none for anything else. */
        private static byte[] computeBinaryForm(String host) {
            long ipv4 = Ipv4Literal.parse(host);
            if (ipv4 >= 0) {
                return new byte[] {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
            }
            byte[] ipv6 = Ipv6Literal.parseCanonical(host);
            return ipv6 != null ? ipv6 : TEXT;
        }
    }

    /** MurmurHash3's 32-bit finalizer: every input bit moves every output bit, so low bits make a good slot. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    /** A {@link Contact}: its id, then its address. */
    static final class ContactSerializer extends WireSerializer<Contact> {
        /** The smallest encoding: an id and a one-character host (kind, length, char, port). */
        static final int MIN_BYTES = NodeId.BYTES + 1 + 1 + 1 + 2;

        private final NodeIdSerializer ids;
        private final AddressSerializer addresses;

        ContactSerializer(NodeIdSerializer ids, AddressSerializer addresses) {
            this.ids = ids;
            this.addresses = addresses;
        }

        @Override
        int sizeOf(Contact c) {
            return NodeId.BYTES + addresses.sizeOf(c.address());
        }

        @Override
        public void write(Kryo kryo, Output out, Contact c) {
            ids.write(kryo, out, c.id());
            addresses.write(kryo, out, c.address());
        }

        @Override
        public Contact read(Kryo kryo, Input in, Class<? extends Contact> type) {
            NodeId id = ids.read(kryo, in, NodeId.class);
            return new Contact(id, addresses.read(kryo, in, Address.class));
        }
    }
}
