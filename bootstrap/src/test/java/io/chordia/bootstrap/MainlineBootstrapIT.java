package io.chordia.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.GetPeers;
import io.chordia.core.message.Peers;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.transport.WireProfile;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.Protocol;
import io.chordia.routing.kademlia.KademliaNode;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.transport.WireCodecs;
import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A {@code --protocol mainline} bootstrap node speaks KRPC: Mainline peers over KRPC join through it. */
class MainlineBootstrapIT {
    private static final int PEERS = 4;

    private final RandomStreams streams = new RandomStreams(17);
    private final EventLoopGroup group = NettyEventLoops.newGroup(1, "mainline-peers");
    private final List<NettyUdpTransport> transports = new ArrayList<>();
    private final List<OverlayNode> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(OverlayNode::stop);
        transports.forEach(NettyUdpTransport::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void mainlinePeersOverKrpcJoinThroughItAndLookUp() throws Exception {
        Protocol mainline = Protocol.parse("mainline");
        try (BootstrapNode bootstrap = BootstrapNode.start(TransportConfig.loopback(), mainline,
                NodeId.sha1Of("mainline bootstrap"), BootstrapLimits.defaults())) {
            for (int i = 0; i < PEERS; i++) {
                TransportConfig config = TransportConfig.loopback();
                NettyUdpTransport t = NettyUdpTransport.start(config, group,
                        WireCodecs.forProfile(WireProfile.KRPC, config.maxDatagramBytes()));
                transports.add(t);
                OverlayNode peer = mainline.overlay().newNode(
                        new Contact(NodeId.random(streams.stream("ids", i)), t.localAddress()), t, t.scheduler(),
                        streams.stream("peer", i));
                peers.add(peer);
                peer.join(List.of(bootstrap.address())).get(20, TimeUnit.SECONDS);
            }

            LookupResult found = peers.get(0).lookup(peers.get(PEERS - 1).self().id(), LookupStyle.ITERATIVE)
                    .get(20, TimeUnit.SECONDS);
            assertThat(found.succeeded()).isTrue();
            assertThat(found.closest().get(0)).isEqualTo(peers.get(PEERS - 1).self());

            KademliaNode asker = (KademliaNode) peers.get(1);
            Peers answer = asker.rpc().call(bootstrap.self(), new GetPeers(NodeId.sha1Of("a torrent")))
                    .get(10, TimeUnit.SECONDS);
            assertThat(answer.token().length()).isPositive();
        }
    }
}
