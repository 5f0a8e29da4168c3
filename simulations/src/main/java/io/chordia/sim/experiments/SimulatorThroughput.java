package io.chordia.sim.experiments;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Ping;
import io.chordia.core.net.Contact;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.sim.LatencyModel;
import io.chordia.core.sim.LinkConditions;
import io.chordia.core.sim.SimEndpoint;
import io.chordia.core.sim.SimNetwork;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.time.Cancellable;
import io.chordia.sim.world.SimSubstrate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The simulator's own speed, without protocol code: N endpoints keep M datagrams each in flight,
 * every delivery forwarded to a random endpoint; each hop also arms a 500 ms timer and cancels the
 * previous one, as an RPC's timeout would. Prints simulated messages per wall second.
 *
 * <pre>simulations/run.sh SimulatorThroughput [nodes=1000] [inFlightPerNode=10] [simulatedSeconds=60]</pre>
 */
public final class SimulatorThroughput {
    private SimulatorThroughput() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 60;
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            long messages = run(n, inFlight, seconds, round);
            double wall = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %,d nodes, %,d in flight, %d simulated s: %,d messages in %.1f s wall = %,.0f messages/s%n",
                    round, n, n * inFlight, seconds, messages, wall, messages / wall);
        }
    }

    static long run(int n, int inFlight, long seconds, long seed) {
        RandomStreams streams = new RandomStreams(seed);
        VirtualScheduler loop = new VirtualScheduler();
        SimNetwork network = new SimNetwork(loop, streams.stream("network"),
                LinkConditions.of(LatencyModel.uniform(Duration.ofMillis(5), Duration.ofMillis(60))));
        RandomGenerator pick = streams.stream("pick");
        List<SimEndpoint> endpoints = new ArrayList<>();
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimEndpoint e = network.attach(SimSubstrate.address(i));
            endpoints.add(e);
            contacts.add(new Contact(NodeId.random(pick), e.address()));
        }
        Duration timeout = Duration.ofMillis(500);
        for (int i = 0; i < n; i++) {
            SimEndpoint self = endpoints.get(i);
            Contact me = contacts.get(i);
            Cancellable[] timer = {null};
            self.transport().onReceive((envelope, from) -> {
                if (timer[0] != null) {
                    timer[0].cancel();
                }
                timer[0] = self.scheduler().schedule(timeout, () -> {});
                Contact to = contacts.get(pick.nextInt(n));
                self.transport().send(new Envelope(envelope.txId(), me, to.address(), envelope.body()));
            });
        }
        Ping ping = new Ping();
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < inFlight; m++) {
                endpoints.get(i).transport().send(new Envelope(m, contacts.get(i), contacts.get(pick.nextInt(n)).address(), ping));
            }
        }
        loop.advance(Duration.ofSeconds(seconds));
        return network.stats().sent();
    }
}
