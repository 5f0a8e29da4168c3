package io.chordia.transport.bencode;

import static io.chordia.transport.bencode.BencodeTrees.bytes;
import static io.chordia.transport.bencode.BencodeTrees.dict;
import static io.chordia.transport.bencode.BencodeTrees.integer;
import static io.chordia.transport.bencode.BencodeTrees.list;

import java.util.List;

/**
 * The example packets of BEP 5 (bittorrent.org beps/bep_0005.rst), bencoded lines quoted exactly,
 * each with the value tree its JSON line describes, keys in the order the BEP writes them.
 */
public final class BepExamples {
    private BepExamples() {}

    public record Example(String name, String bencoded, BencodeValue value) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final Example PING_QUERY = new Example("ping query",
            "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
            dict("t", bytes("aa"), "y", bytes("q"), "q", bytes("ping"),
                    "a", dict("id", bytes("abcdefghij0123456789"))));

    public static final List<Example> BEP_5 = List.of(
            PING_QUERY,
            new Example("ping response",
                    "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re",
                    dict("t", bytes("aa"), "y", bytes("r"), "r", dict("id", bytes("mnopqrstuvwxyz123456")))),
            new Example("find_node query",
                    "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe",
                    dict("t", bytes("aa"), "y", bytes("q"), "q", bytes("find_node"),
                            "a", dict("id", bytes("abcdefghij0123456789"), "target", bytes("mnopqrstuvwxyz123456")))),
            new Example("find_node response",
                    "d1:rd2:id20:0123456789abcdefghij5:nodes9:def456...e1:t2:aa1:y1:re",
                    dict("t", bytes("aa"), "y", bytes("r"),
                            "r", dict("id", bytes("0123456789abcdefghij"), "nodes", bytes("def456...")))),
            new Example("get_peers query",
                    "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe",
                    dict("t", bytes("aa"), "y", bytes("q"), "q", bytes("get_peers"),
                            "a", dict("id", bytes("abcdefghij0123456789"), "info_hash", bytes("mnopqrstuvwxyz123456")))),
            new Example("get_peers response with peers",
                    "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re",
                    dict("t", bytes("aa"), "y", bytes("r"),
                            "r", dict("id", bytes("abcdefghij0123456789"), "token", bytes("aoeusnth"),
                                    "values", list(bytes("axje.u"), bytes("idhtnm"))))),
            new Example("get_peers response with closest nodes",
                    "d1:rd2:id20:abcdefghij01234567895:nodes9:def456...5:token8:aoeusnthe1:t2:aa1:y1:re",
                    dict("t", bytes("aa"), "y", bytes("r"),
                            "r", dict("id", bytes("abcdefghij0123456789"), "token", bytes("aoeusnth"),
                                    "nodes", bytes("def456...")))),
            // The BEP's JSON line also has "implied_port": 1, its bencoded line does not (and is broken
            // over two lines by a stray <br />); this is the bencoded line, joined.
            new Example("announce_peer query",
                    "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
                    dict("t", bytes("aa"), "y", bytes("q"), "q", bytes("announce_peer"),
                            "a", dict("id", bytes("abcdefghij0123456789"), "info_hash", bytes("mnopqrstuvwxyz123456"),
                                    "port", integer(6881), "token", bytes("aoeusnth")))),
            new Example("announce_peer response",
                    "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re",
                    dict("t", bytes("aa"), "y", bytes("r"), "r", dict("id", bytes("mnopqrstuvwxyz123456")))),
            new Example("generic error",
                    "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee",
                    dict("t", bytes("aa"), "y", bytes("e"), "e", list(integer(201), bytes("A Generic Error Ocurred")))));

    /**
     * The announce_peer query of BEP 5's JSON line, implied_port included: not a line of the BEP, but
     * where the key lands in canonical order ("id" < "implied_port" < "info_hash").
     */
    public static final Example ANNOUNCE_PEER_IMPLIED_PORT = new Example("announce_peer query with implied_port",
            "d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
            dict("t", bytes("aa"), "y", bytes("q"), "q", bytes("announce_peer"),
                    "a", dict("id", bytes("abcdefghij0123456789"), "implied_port", integer(1),
                            "info_hash", bytes("mnopqrstuvwxyz123456"), "port", integer(6881), "token", bytes("aoeusnth"))));

    /** BEP 44's test vectors: the value of all three, and the buffers signed in tests 1 and 2. */
    public static final String BEP_44_VALUE = "12:Hello World!";
    public static final String BEP_44_IMMUTABLE_TARGET = "e5f96f6f38320f0f33959cb4d3d656452117aadb";
    public static final String BEP_44_SIGNED = "3:seqi1e1:v12:Hello World!";
    public static final String BEP_44_SIGNED_WITH_SALT = "4:salt6:foobar3:seqi1e1:v12:Hello World!";
    /** BEP 44's prose examples of the same buffers. */
    public static final String BEP_44_PROSE_SIGNED = "3:seqi4e1:v12:Hello world!";
    public static final String BEP_44_PROSE_SIGNED_WITH_SALT = "4:salt6:foobar3:seqi4e1:v12:Hello world!";
}
