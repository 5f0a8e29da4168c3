package io.chordia.app.interop;

import static io.chordia.app.interop.InteropPeer.ids;
import static io.chordia.app.interop.InteropPeer.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.cli.ChordiaProcesses;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two test peers against each other on 127.0.0.1, before Chordia joins them: a known-good pair,
 * and proof that the drivers' settings (loopback restrictions, rate limits) let them talk. The
 * bittorrent-dht node joins through the libtorrent node; each case works in both directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerPairIT {
    private InteropPeer libtorrent;
    private InteropPeer node;

    @BeforeAll
    void start() throws IOException {
        InteropPeers.require(PeerKind.LIBTORRENT, PeerKind.BITTORRENT_DHT);
        libtorrent = InteropPeer.start(PeerKind.LIBTORRENT, ChordiaProcesses.freePort(), List.of());
        node = InteropPeer.start(PeerKind.BITTORRENT_DHT, ChordiaProcesses.freePort(), List.of(libtorrent.address()));
    }

    @AfterAll
    void stop() {
        for (InteropPeer peer : new InteropPeer[] {node, libtorrent}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    void eachPingsTheOther() {
        assertThat(node.ask("ping", "addr", libtorrent.address()).path("id").asText()).isEqualTo(libtorrent.nodeId());
        assertThat(libtorrent.ask("ping", "addr", node.address()).path("id").asText()).isEqualTo(node.nodeId());
    }

    @Test
    void eachFindsTheOther() {
        assertThat(ids(node.ask("find_node", "target", libtorrent.nodeId()))).contains(libtorrent.nodeId());
        assertThat(ids(libtorrent.ask("find_node", "target", node.nodeId()))).contains(node.nodeId());
        assertThat(ids(node.ask("table"))).contains(libtorrent.nodeId());
        assertThat(ids(libtorrent.ask("table"))).contains(node.nodeId());
    }

    @Test
    void anAnnouncedPeerIsFoundByTheOther() {
        String byNode = "11".repeat(20);
        assertThat(node.ask("announce", "info_hash", byNode, "port", 6881).path("acked").asInt()).isPositive();
        assertThat(strings(libtorrent.ask("get_peers", "info_hash", byNode).path("peers"))).containsExactly("127.0.0.1:6881");

        String byLibtorrent = "22".repeat(20);
        JsonNode announced = libtorrent.ask("announce", "info_hash", byLibtorrent, "port", 6881);
        assertThat(announced.path("acked").asInt()).isPositive();
        // libtorrent announces its own listen port (see libtorrent_dht.py)
        assertThat(strings(node.ask("get_peers", "info_hash", byLibtorrent).path("peers"))).containsExactly(libtorrent.address());
    }

    @Test
    void anImmutableItemPutByOneIsReadByTheOther() {
        JsonNode put = node.ask("put_immutable", "value", "put by bittorrent-dht");
        assertThat(put.path("stored").asInt()).isPositive();
        assertThat(libtorrent.ask("get", "target", put.path("target").asText()).path("value").asText())
                .isEqualTo("put by bittorrent-dht");

        JsonNode back = libtorrent.ask("put_immutable", "value", "put by libtorrent");
        assertThat(back.path("stored").asInt()).isPositive();
        assertThat(node.ask("get", "target", back.path("target").asText()).path("value").asText()).isEqualTo("put by libtorrent");

        assertThat(node.ask("get", "target", "33".repeat(20)).path("found").asBoolean()).isFalse();
    }

    @Test
    void aMutableItemPutByOneIsReadAndUpdatedByTheOther() {
        String seed = "44".repeat(32);
        JsonNode first = node.ask("put_mutable", "seed", seed, "salt", "pair", "value", "first");
        assertThat(first.path("seq").asLong()).isEqualTo(1);
        String publicKey = first.path("public_key").asText();
        JsonNode read = libtorrent.ask("get_mutable", "public_key", publicKey, "salt", "pair");
        assertThat(read.path("value").asText()).isEqualTo("first");
        assertThat(read.path("seq").asLong()).isEqualTo(1);

        // the same key in libtorrent: its put signs seq 2, and bittorrent-dht verifies that signature
        JsonNode second = libtorrent.ask("put_mutable", "seed", seed, "salt", "pair", "value", "second");
        assertThat(second.path("public_key").asText()).isEqualTo(publicKey);
        assertThat(second.path("seq").asLong()).isEqualTo(2);
        JsonNode reread = node.ask("get_mutable", "public_key", publicKey, "salt", "pair");
        assertThat(reread.path("value").asText()).isEqualTo("second");
        assertThat(reread.path("seq").asLong()).isEqualTo(2);

        assertThat(node.ask("get_mutable", "public_key", publicKey, "salt", "other").path("found").asBoolean()).isFalse();
    }

    @Test
    void aPeerThatCannotStartFailsWithTheDriversReason() {
        assertThatThrownBy(() -> InteropPeer.start(PeerKind.BITTORRENT_DHT, libtorrent.port(), List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BITTORRENT_DHT peer on " + libtorrent.address() + " did not start")
                .hasMessageContaining("EADDRINUSE");
    }
}
