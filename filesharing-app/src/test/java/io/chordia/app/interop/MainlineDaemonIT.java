package io.chordia.app.interop;

import static io.chordia.app.interop.InteropPeer.ids;
import static io.chordia.app.interop.InteropPeer.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.cli.ChordiaProcesses;
import io.chordia.app.node.NodeSettings;
import io.chordia.app.node.PeerDaemon;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.util.Bytes;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDictionary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chordia daemon with {@code --protocol mainline} on 127.0.0.1 and one libtorrent and one
 * bittorrent-dht peer bootstrapped to it: each finds Chordia, Chordia's table holds both, and an
 * announce by either is found by the other's get_peers, with Chordia holding the peer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MainlineDaemonIT {
    private static final String PROBE_ID = "c0ffee" + "11".repeat(17);

    private PeerDaemon chordia;
    private InteropPeer libtorrent;
    private InteropPeer node;
    private KrpcProbe probe;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        InteropPeers.require(PeerKind.LIBTORRENT, PeerKind.BITTORRENT_DHT);
        chordia = PeerDaemon.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(ChordiaProcesses.freePort())
                .withProtocol(Protocol.parse("mainline")).withBootstrap(List.of()).withDataDir(dir.resolve("chordia")));
        String at = "127.0.0.1:" + chordia.self().address().port();
        libtorrent = InteropPeer.start(PeerKind.LIBTORRENT, ChordiaProcesses.freePort(), List.of(at));
        node = InteropPeer.start(PeerKind.BITTORRENT_DHT, ChordiaProcesses.freePort(), List.of(at));
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
        if (chordia != null) {
            chordia.close();
        }
    }

    @Test
    void eachPeerFindsChordia() throws Exception {
        String id = chordia.self().id().toHex();
        assertThat(ids(node.ask("find_node", "target", id))).contains(id);
        ChordiaProcesses.awaitEventually("libtorrent's table holds Chordia",
                () -> ids(libtorrent.ask("table")).contains(id));
        assertThat(ids(libtorrent.ask("find_node", "target", id))).contains(id);
    }

    @Test
    void chordiasTableHoldsBothPeersAfterALookup() throws Exception {
        ChordiaProcesses.awaitEventually("Chordia's table holds both peers", () -> {
            chordia.node().lookup(NodeId.sha1Of("any key"), LookupStyle.ITERATIVE).get(10, TimeUnit.SECONDS);
            return chordiasTable().containsAll(List.of(libtorrent.nodeId(), node.nodeId()));
        });
        assertThat(chordiasTable()).contains(libtorrent.nodeId(), node.nodeId());
    }

    private List<String> chordiasTable() throws Exception {
        List<String> table = new ArrayList<>();
        for (Contact c : Protocol.parse("mainline").overlay().view(chordia.node()).snapshot()
                .get(5, TimeUnit.SECONDS).contacts()) {
            table.add(c.id().toHex());
        }
        return table;
    }

    @Test
    void anAnnounceByEitherPeerIsFoundByTheOtherAndHeldByChordia() throws Exception {
        String byNode = "a1".repeat(20);
        assertThat(node.ask("announce", "info_hash", byNode, "port", 6881).path("acked").asInt()).isPositive();
        assertThat(strings(libtorrent.ask("get_peers", "info_hash", byNode).path("peers"))).contains("127.0.0.1:6881");
        assertThat(chordiaPeers(byNode)).isNotEmpty();

        String byLibtorrent = "b2".repeat(20);
        assertThat(libtorrent.ask("announce", "info_hash", byLibtorrent, "port", 6881).path("acked").asInt()).isPositive();
        assertThat(strings(node.ask("get_peers", "info_hash", byLibtorrent).path("peers"))).contains(libtorrent.address());
        assertThat(chordiaPeers(byLibtorrent)).isNotEmpty();
    }

    @Test
    void chordiaAnswersGetPeersWithATokenAndNodes() throws Exception {
        BencodeDictionary r = getPeers("c3".repeat(20));
        assertThat(KrpcProbe.bytes(r.get("token"))).isNotNull();
        assertThat(KrpcProbe.bytes(r.get("id"))).isEqualTo(KrpcProbe.hex(chordia.self().id().toHex()));
        assertThat(r.get("values")).isNull();
        assertThat(KrpcProbe.bytes(r.get("nodes")).length() % 26).isZero();
    }

    /** The compact peers Chordia itself answers for {@code infoHash}. */
    private List<Bytes> chordiaPeers(String infoHash) throws Exception {
        List<Bytes> peers = new ArrayList<>();
        if (getPeers(infoHash).get("values") instanceof io.chordia.transport.bencode.BencodeList values) {
            values.items().forEach(v -> peers.add(KrpcProbe.bytes(v)));
        }
        return peers;
    }

    private BencodeDictionary getPeers(String infoHash) throws Exception {
        return probe.query("Chordia", chordia.self().address().port(), "get_peers",
                BencodeDictionary.builder().put("info_hash", new BencodeBytes(KrpcProbe.hex(infoHash))));
    }
}
