package io.chordia.transport.guard;

import io.chordia.core.message.Ping;
import io.chordia.core.net.Address;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pings addresses that sent us requests before they were verified (and, on a node that hands out
 * only verified contacts, the contacts its replies had to leave out), once per
 * {@code reprobeAfter} at most and with a cap on pings in flight; the answer (seen by
 * {@link GuardedTransport}) verifies them. A spoofed source never answers, so its victim gets at
 * most one small ping per interval from us, and only within the byte budget its requests earned.
 *
 * <p>Threading: node thread only; {@link #probesSent()} readable anywhere.
 */
public final class SourceProber {
    private static final RpcConfig ONE_TRY = RpcConfig.defaults().withTimeout(Duration.ofSeconds(2)).withMaxAttempts(1);

    private static final Ping PING = new Ping();

    private final RpcEndpoint rpc;
    private final GuardedTransport guard;
    private final Clock clock;
    private final int maxInFlight;
    private final long reprobeNanos;
    private final LinkedHashMap<Address, Long> lastProbe;
    private final LongAdder probesSent = new LongAdder();
    private int inFlight;

    public SourceProber(RpcEndpoint rpc, GuardedTransport guard, Clock clock, GuardLimits limits) {
        this.rpc = rpc;
        this.guard = guard;
        this.clock = clock;
        this.maxInFlight = limits.maxProbesInFlight();
        this.reprobeNanos = limits.reprobeAfter().toNanos();
        int cap = limits.maxVerifiedPeers();
        this.lastProbe = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Address, Long> eldest) {
                return size() > cap;
            }
        };
    }

    public void probe(Address source) {
        long now = clock.nanoTime();
        Long last = lastProbe.get(source);
        if (inFlight >= maxInFlight || (last != null && now - last < reprobeNanos) || !guard.canAfford(source, PING)) {
            return;
        }
        lastProbe.remove(source); // re-inserted last, so the map stays ordered by probe time
        lastProbe.put(source, now);
        inFlight++;
        probesSent.increment();
        rpc.exchange(source, null, PING, ONE_TRY).whenComplete((reply, failure) -> inFlight--);
    }

    public long probesSent() {
        return probesSent.sum();
    }
}
