package io.chordia.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.net.HostKind;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.routing.Protocol;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bootstrap node bound to every interface gives peers an address they can send to, never the
 * wildcard it binds (it used to hand out {@code [::]:4000}), and corrects it by what the peers it
 * verifies see once three of them on distinct addresses agree; fewer cannot move it, nor can any
 * number of peers move an address the operator gave.
 */
class BootstrapAddressIT {
    private static final Address SEEN = new Address("198.51.100.7", 4000);
    private final List<NettyUdpTransport> transports = new ArrayList<>();

    @AfterEach
    void stop() {
        transports.forEach(NettyUdpTransport::close);
    }

    /** A peer on {@code ip} that says it sees every pinger at {@link #SEEN}, and pings {@code target} once. */
    private void peerOn(String ip, Address target) throws Exception {
        NettyUdpTransport t = NettyUdpTransport.start(TransportConfig.loopback().withBindHost(ip));
        transports.add(t);
        RpcConfig config = RpcConfig.defaults();
        RpcEndpoint rpc = t.scheduler().eventLoop().submit(() -> {
            RpcEndpoint r = new RpcEndpoint(new Contact(NodeId.sha1Of(ip), t.localAddress()), t, t.scheduler(),
                    new SecureRandom(), config);
            r.register(Ping.class, (ping, ctx) -> new Pong(SEEN));
            return r;
        }).get(5, TimeUnit.SECONDS);
        // Our ping is a request from an unverified address: the bootstrap node pings back, and hears SEEN.
        rpc.call(target, new Ping()).get(5, TimeUnit.SECONDS);
    }

    private static Address reachable(BootstrapNode node) {
        return new Address("127.0.0.1", node.address().port());
    }

    @Test
    void onTheWildcardItAdvertisesAnAddressAndThreePeersCorrectIt() throws Exception {
        try (BootstrapNode node = BootstrapNode.start(TransportConfig.defaults().withPort(0), Protocol.CHORD,
                NodeId.sha1Of("wildcard bootstrap"), BootstrapLimits.defaults())) {
            assertThat(HostKind.of(node.address())).as("it binds every interface").isEqualTo(HostKind.UNSPECIFIED);
            Address first = node.self().address();
            assertThat(HostKind.of(first)).isNotEqualTo(HostKind.UNSPECIFIED);
            assertThat(first.port()).isEqualTo(node.address().port());

            peerOn("127.0.0.2", reachable(node));
            peerOn("127.0.0.3", reachable(node));
            assertThat(Waiting.until(() -> node.verifiedPeers() == 2, Duration.ofSeconds(10))).isTrue();
            assertThat(node.self().address()).as("two peers are not enough").isEqualTo(first);

            peerOn("127.0.0.4", reachable(node));
            assertThat(Waiting.until(() -> node.self().address().equals(SEEN), Duration.ofSeconds(10)))
                    .as("three peers on distinct addresses agree: %s", node.self()).isTrue();
        }
    }

    @Test
    void anAdvertisedAddressStaysWhateverPeersSee() throws Exception {
        Address given = new Address("203.0.113.9", 4000);
        try (BootstrapNode node = BootstrapNode.start(TransportConfig.defaults().withPort(0), Protocol.KADEMLIA,
                NodeId.sha1Of("advertised bootstrap"), BootstrapLimits.defaults(), given)) {
            assertThat(node.self().address()).isEqualTo(given);
            for (String ip : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")) {
                peerOn(ip, reachable(node));
            }
            assertThat(Waiting.until(() -> node.verifiedPeers() == 4, Duration.ofSeconds(10))).isTrue();
            assertThat(node.self().address()).isEqualTo(given);
        }
    }
}
