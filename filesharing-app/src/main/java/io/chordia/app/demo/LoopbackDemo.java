package io.chordia.app.demo;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.time.Scheduler;
import io.chordia.core.transport.Transport;
import io.chordia.routing.lookup.LookupResult;
import io.chordia.routing.lookup.XorIterativeLookup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The demo's script: start peers on loopback, join them through the first, ping, look keys up,
 * kill some peers and look up again, checking every answer against the global view.
 */
public final class LoopbackDemo {
    /** Makes one peer's transport and node scheduler, bound to a fresh loopback port. */
    public interface PeerFactory extends AutoCloseable {
        PeerSockets open();

        @Override
        void close();
    }

    public record PeerSockets(Transport transport, Scheduler scheduler) {}

    private static final String[] KEYS = {"alice.txt", "bob.mp3", "chord-paper.pdf", "kademlia.pdf", "hello world"};
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

    private final PrintStream out;
    private final RandomStreams streams;
    private final int peerCount;
    private final int killCount;

    public LoopbackDemo(PrintStream out, long seed, int peerCount, int killCount) {
        this.out = out;
        this.streams = new RandomStreams(seed);
        this.peerCount = peerCount;
        this.killCount = killCount;
    }

    /** Runs the demo; returns the number of lookups that did not find the true closest live peer. */
    public int run(PeerFactory factory) throws Exception {
        // Loopback answers in well under a millisecond: a short timeout and one retry keep lookups
        // that meet a dead peer quick.
        RpcConfig config = RpcConfig.defaults().withTimeout(Duration.ofMillis(200)).withMaxAttempts(2);
        RandomGenerator ids = streams.stream("ids");
        List<DemoPeer> peers = new ArrayList<>();
        try {
            out.printf("Starting %d peers on 127.0.0.1 (real UDP sockets; each peer lives on one Netty event loop)%n", peerCount);
            for (int i = 0; i < peerCount; i++) {
                PeerSockets s = factory.open();
                peers.add(new DemoPeer(NodeId.random(ids), s.transport(), s.scheduler(), streams.stream("peer", i), config));
            }
            DemoPeer bootstrap = peers.get(0);
            out.printf("  bootstrap peer %s%n", bootstrap.contact());
            for (int i = 1; i < peers.size(); i++) {
                DemoPeer p = peers.get(i);
                int knows = await(p.join(bootstrap.contact().address()));
                out.printf("  peer %2d %s joined via the bootstrap peer, knows %d other peers%n", i, p.contact(), knows);
            }

            DemoPeer first = peers.get(1);
            var pong = await(first.ping(peers.get(peers.size() - 1).contact().address()));
            out.printf("%nPing %s -> %s: pong in %.2f ms; it saw us at %s%n", first.contact().id().shortId(),
                    pong.responder().id().shortId(), pong.rttNanos() / 1e6, pong.body().observedAddress());

            out.printf("%nLooking up keys (iterative, alpha=%d, k=%d); each answer checked against the global view%n",
                    DemoPeer.ALPHA, DemoPeer.K);
            int wrong = lookups(peers, peers);

            List<DemoPeer> live = new ArrayList<>(peers);
            out.printf("%nKilling %d peers (their sockets close; nobody is told)%n", killCount);
            RandomGenerator victims = streams.stream("victims");
            for (int i = 0; i < killCount && live.size() > 2; i++) {
                DemoPeer victim = live.remove(1 + victims.nextInt(live.size() - 1));
                victim.close();
                out.printf("  killed %s%n", victim.contact());
            }
            out.printf("%nLooking up the same keys again: lookups time out on dead peers and route around them%n");
            wrong += lookups(live, peers);

            long sent = peers.stream().mapToLong(p -> p.transport().stats().sent()).sum();
            long received = peers.stream().mapToLong(p -> p.transport().stats().received()).sum();
            long timeouts = peers.stream().mapToLong(p -> p.rpcStats().timeouts()).sum();
            long retries = peers.stream().mapToLong(p -> p.rpcStats().retransmissions()).sum();
            out.printf("%nTraffic: %d datagrams sent, %d received; %d requests retried and %d timed out"
                    + " (those sent to killed peers)%n", sent, received, retries, timeouts);
            out.println(wrong == 0 ? "Every lookup found the true closest live peer."
                    : wrong + " lookups missed the true closest live peer.");
            return wrong;
        } finally {
            for (DemoPeer p : peers) {
                p.close();
            }
        }
    }

    private int lookups(List<DemoPeer> live, List<DemoPeer> all) throws Exception {
        RandomGenerator pick = streams.stream("origins", live.size());
        List<Contact> liveContacts = live.stream().map(DemoPeer::contact).toList();
        int wrong = 0;
        for (String key : KEYS) {
            NodeId target = NodeId.sha1Of(key);
            DemoPeer origin = live.get(pick.nextInt(live.size()));
            long start = System.nanoTime();
            LookupResult r = await(origin.lookup(target));
            double ms = (System.nanoTime() - start) / 1e6;
            Contact truth = XorIterativeLookup.closestByXor(liveContacts, target, 1).get(0);
            boolean right = r.status() == LookupResult.Status.OK && (r.closest().get(0).equals(truth)
                    || origin.contact().equals(truth));
            wrong += right ? 0 : 1;
            Contact found = r.closest().isEmpty() ? origin.contact() : r.closest().get(0);
            if (origin.contact().id().xor(target).compareTo(found.id().xor(target)) < 0) {
                found = origin.contact();
            }
            out.printf(Locale.ROOT, "  sha1(\"%s\") = %s… from peer %s: closest peer %s, %d hops, %d messages, %.1f ms %s%n",
                    key, target.shortId(), origin.contact().id().shortId(), found.id().shortId(), r.hops(),
                    r.messages(), ms, right ? "✓" : "✗ (true closest " + truth.id().shortId() + ")");
        }
        return wrong;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
