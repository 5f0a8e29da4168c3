package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Five libtorrent and five bittorrent-dht nodes on 127.0.0.1, all joined through the first: every
 * node's get_peers finds every node's announce, and every node reads the items both kinds put. The
 * shape the 20-Chordia-node network of issue 17 will take, without Chordia, so that a miss there
 * is Chordia's and not the peers' settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerNetworkIT {
    private static final int PER_KIND = 5;

    private final List<InteropPeer> peers = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        InteropPeers.require(PeerKind.LIBTORRENT, PeerKind.BITTORRENT_DHT);
        InteropPeer first = InteropPeer.start(PeerKind.LIBTORRENT, ChordiaProcesses.freePort(), List.of());
        peers.add(first);
        for (int i = 1; i < 2 * PER_KIND; i++) {
            PeerKind kind = i < PER_KIND ? PeerKind.LIBTORRENT : PeerKind.BITTORRENT_DHT;
            peers.add(InteropPeer.start(kind, ChordiaProcesses.freePort(), List.of(first.address())));
        }
    }

    @AfterAll
    void stop() {
        peers.forEach(InteropPeer::close);
    }

    @Test
    void everyGetPeersFindsEveryAnnouncedPeer() {
        Map<String, String> announcedPeerByInfoHash = new HashMap<>();
        for (int i = 0; i < peers.size(); i++) {
            InteropPeer peer = peers.get(i);
            String infoHash = String.format("%040x", 0xa000 + i);
            int port = 7000 + i;
            JsonNode announced = peer.ask("announce", "info_hash", infoHash, "port", port);
            assertThat(announced.path("acked").asInt()).as("announce by %s", peer.address()).isPositive();
            // libtorrent announces its own listen port (see libtorrent_dht.py)
            announcedPeerByInfoHash.put(infoHash, "127.0.0.1:" + announced.path("port").asInt());
        }
        List<String> misses = new ArrayList<>();
        for (InteropPeer peer : peers) {
            announcedPeerByInfoHash.forEach((infoHash, announcedPeer) -> {
                JsonNode found = peer.ask("get_peers", "info_hash", infoHash).path("peers");
                if (!found.toString().contains('"' + announcedPeer + '"')) {
                    misses.add(peer.kind() + " " + peer.address() + " looked up " + infoHash + ", found " + found
                            + ", not " + announcedPeer);
                }
            });
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void everyNodeReadsTheItemsBothKindsPut() {
        InteropPeer libtorrent = peers.get(1);
        InteropPeer node = peers.get(PER_KIND + 1);
        String immutable = node.ask("put_immutable", "value", "network item").path("target").asText();
        String publicKey = libtorrent.ask("put_mutable", "seed", "55".repeat(32), "salt", "net", "value", "mutable network item")
                .path("public_key").asText();
        List<String> misses = new ArrayList<>();
        for (InteropPeer peer : peers) {
            JsonNode got = peer.ask("get", "target", immutable);
            if (!got.path("value").asText().equals("network item")) {
                misses.add(peer.kind() + " " + peer.address() + " read " + got + " for the immutable item");
            }
            JsonNode gotMutable = peer.ask("get_mutable", "public_key", publicKey, "salt", "net");
            if (!gotMutable.path("value").asText().equals("mutable network item")) {
                misses.add(peer.kind() + " " + peer.address() + " read " + gotMutable + " for the mutable item");
            }
        }
        assertThat(misses).isEmpty();
    }
}
