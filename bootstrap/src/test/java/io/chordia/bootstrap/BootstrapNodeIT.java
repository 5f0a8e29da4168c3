package io.chordia.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.store.DhtRecord;
import io.chordia.core.util.Bytes;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.Protocol;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.chord.SortedRing;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real peers join through a bootstrap node on loopback: the guard must not get in a protocol's way. */
class BootstrapNodeIT {
    private static final int PEERS = 6;

    private final RandomStreams streams = new RandomStreams(11);
    private final List<NettyUdpTransport> transports = new ArrayList<>();
    private final List<OverlayNode> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(OverlayNode::stop);
        transports.forEach(NettyUdpTransport::close);
    }

    private NettyUdpTransport transport() throws Exception {
        NettyUdpTransport t = NettyUdpTransport.start(TransportConfig.loopback());
        transports.add(t);
        return t;
    }

    @Test
    void kademliaPeersJoinThroughItAndItStoresNothing() throws Exception {
        try (BootstrapNode bootstrap = BootstrapNode.start(TransportConfig.loopback(), Protocol.KADEMLIA,
                NodeId.sha1Of("kademlia bootstrap"), BootstrapLimits.defaults())) {
            List<Contact> everyone = new ArrayList<>(List.of(bootstrap.self()));
            for (int i = 0; i < PEERS; i++) {
                NettyUdpTransport t = transport();
                KademliaNode peer = new KademliaNode(new Contact(NodeId.random(streams.stream("ids", i)), t.localAddress()),
                        t, t.scheduler(), streams.stream("peer", i), KademliaConfig.defaults());
                peers.add(peer);
                peer.join(List.of(bootstrap.address())).get(20, TimeUnit.SECONDS);
                everyone.add(peer.self());
            }
            assertThat(Waiting.until(() -> bootstrap.verifiedPeers() == PEERS, Duration.ofSeconds(20)))
                    .as("every peer answered the bootstrap node's ping").isTrue();

            NodeId key = NodeId.sha1Of("some key");
            List<Contact> closest = everyone.stream()
                    .sorted(Comparator.comparing(c -> c.id().xor(key))).limit(3).toList();
            LookupResult found = peers.get(0).lookup(key, LookupStyle.ITERATIVE).get(20, TimeUnit.SECONDS);
            assertThat(found.succeeded()).isTrue();
            assertThat(found.closest().subList(0, 3)).isEqualTo(closest);

            RpcEndpoint rpc = ((KademliaNode) peers.get(1)).rpc();
            DhtRecord record = DhtRecord.plain(key, Bytes.ofUtf8("v"), 1, peers.get(1).self().id(), Duration.ofHours(1));
            assertThatThrownBy(() -> rpc.call(bootstrap.self(), new StoreRecord(record, -1, Bytes.EMPTY)).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RemoteErrorException.class)
                    .satisfies(e -> assertThat(((RemoteErrorException) e).code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
            assertThat(bootstrap.transportStats().dropped(io.chordia.core.transport.DropReason.RATE_LIMITED)).isZero();
        }
    }

    @Test
    void chordPeersFormARingThroughIt() throws Exception {
        RpcConfigs fast = new RpcConfigs();
        try (BootstrapNode bootstrap = BootstrapNode.start(TransportConfig.loopback(), Protocol.CHORD,
                NodeId.sha1Of("chord bootstrap"), BootstrapLimits.defaults())) {
            List<Contact> ring = new ArrayList<>(List.of(bootstrap.self()));
            for (int i = 0; i < PEERS; i++) {
                NettyUdpTransport t = transport();
                ChordNode peer = new ChordNode(new Contact(NodeId.random(streams.stream("ids", i)), t.localAddress()),
                        t, t.scheduler(), streams.stream("peer", i), fast.chord);
                peers.add(peer);
                peer.join(List.of(bootstrap.address())).get(20, TimeUnit.SECONDS);
                ring.add(peer.self());
            }
            ring.sort(Comparator.comparing(Contact::id));
            NodeId key = NodeId.sha1Of("some key");
            Contact owner = SortedRing.successorOf(ring, key);
            boolean right = Waiting.until(() -> {
                try {
                    for (OverlayNode p : peers) {
                        LookupResult r = p.lookup(key, LookupStyle.ITERATIVE).get(10, TimeUnit.SECONDS);
                        if (!r.succeeded() || !r.owner().equals(owner)) {
                            return false;
                        }
                    }
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(60));
            assertThat(right).as("every peer finds the key's successor %s", owner).isTrue();
        }
    }

    /** Short timers: loopback answers in well under a millisecond. */
    private static final class RpcConfigs {
        final ChordConfig chord = ChordConfig.defaults().withStabilizeInterval(Duration.ofMillis(200))
                .withFixFingersInterval(Duration.ofMillis(100));
    }
}
