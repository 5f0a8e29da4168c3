package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeInteger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Both test peers answer KRPC built from our own bencode codec on a plain socket: the template for
 * the Chordia-vs-peer cases once the KRPC codec lands, and proof that the peers take a third
 * implementation's bytes from 127.0.0.1, not only each other's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawKrpcIT {
    private static final String PROBE_ID = "c0ffee" + "00".repeat(17);

    private InteropPeer libtorrent;
    private InteropPeer node;
    private KrpcProbe probe;

    @BeforeAll
    void start() throws IOException {
        InteropPeers.require(PeerKind.LIBTORRENT, PeerKind.BITTORRENT_DHT);
        libtorrent = InteropPeer.start(PeerKind.LIBTORRENT, ChordiaProcesses.freePort(), List.of());
        node = InteropPeer.start(PeerKind.BITTORRENT_DHT, ChordiaProcesses.freePort(), List.of(libtorrent.address()));
        probe = new KrpcProbe(ChordiaProcesses.freePort(), PROBE_ID);
    }

    @AfterAll
    void stop() {
        if (probe != null) {
            probe.close();
        }
        for (InteropPeer peer : new InteropPeer[] {node, libtorrent}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    void bothAnswerPingWithTheirId() throws IOException {
        for (InteropPeer peer : List.of(libtorrent, node)) {
            BencodeDictionary r = probe.query(peer, "ping", BencodeDictionary.builder());
            assertThat(KrpcProbe.bytes(r.get("id"))).as("%s", peer.kind()).isEqualTo(KrpcProbe.hex(peer.nodeId()));
        }
    }

    @Test
    void eachNamesTheOtherInAFindNodeAnswer() throws IOException {
        assertThat(nodeIds(probe.query(libtorrent, "find_node", target(node.nodeId())))).contains(node.nodeId());
        assertThat(nodeIds(probe.query(node, "find_node", target(libtorrent.nodeId())))).contains(libtorrent.nodeId());
    }

    @Test
    void ourAnnounceIsFoundByBothPeersGetPeers() throws IOException {
        String infoHash = "66".repeat(20);
        for (InteropPeer peer : List.of(libtorrent, node)) {
            BencodeDictionary peers = probe.query(peer, "get_peers",
                    BencodeDictionary.builder().put("info_hash", new BencodeBytes(KrpcProbe.hex(infoHash))));
            Bytes token = KrpcProbe.bytes(peers.get("token"));
            assertThat(token).as("%s's write token", peer.kind()).isNotNull();
            probe.query(peer, "announce_peer", BencodeDictionary.builder()
                    .put("info_hash", new BencodeBytes(KrpcProbe.hex(infoHash)))
                    .put("port", new BencodeInteger(6999))
                    .put("implied_port", new BencodeInteger(0))
                    .put("token", new BencodeBytes(token)));
        }
        for (InteropPeer peer : List.of(libtorrent, node)) {
            assertThat(peer.ask("get_peers", "info_hash", infoHash).path("peers").toString())
                    .as("%s", peer.kind()).contains("\"127.0.0.1:6999\"");
        }
    }

    @Test
    void bothServeAnImmutableItemToOurGet() throws IOException {
        String target = node.ask("put_immutable", "value", "read over raw KRPC").path("target").asText();
        for (InteropPeer peer : List.of(libtorrent, node)) {
            BencodeDictionary r = probe.query(peer, "get", target(target));
            assertThat(r.get("v")).as("%s", peer.kind()).isEqualTo(BencodeBytes.of("read over raw KRPC"));
        }
    }

    private static BencodeDictionary.Builder target(String hex) {
        return BencodeDictionary.builder().put("target", new BencodeBytes(KrpcProbe.hex(hex)));
    }

    /** The ids in a reply's compact "nodes" (26 bytes each: id, IPv4, port). */
    private static List<String> nodeIds(BencodeDictionary reply) {
        Bytes nodes = KrpcProbe.bytes(reply.get("nodes"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; nodes != null && i + 26 <= nodes.length(); i += 26) {
            ids.add(Bytes.copyOf(nodes.toArray(), i, 20).toHex());
        }
        return ids;
    }
}
