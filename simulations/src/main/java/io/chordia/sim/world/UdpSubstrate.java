package io.chordia.sim.world;

import io.chordia.transport.netty.NettyEventLoops;
import io.chordia.transport.netty.NettyUdpTransport;
import io.chordia.transport.netty.TransportConfig;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real Netty UDP sockets on 127.0.0.1, nodes spread over a few event loops; scenario time is wall
 * time, so a one-hour scenario takes an hour. Scenario events run on one control thread.
 */
public final class UdpSubstrate implements Substrate {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EventLoopGroup group;
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-control");
        t.setDaemon(true);
        return t;
    });
    private final List<NettyUdpTransport> transports = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    public UdpSubstrate(int eventLoops) {
        group = NettyEventLoops.newGroup(eventLoops, "sim-udp");
    }

    @Override
    public Host newHost(int index) {
        try {
            NettyUdpTransport transport = NettyUdpTransport.start(TransportConfig.loopback(), group);
            synchronized (transports) {
                transports.add(transport);
            }
            return new Host(index, transport, transport.scheduler(), transport::close);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket on 127.0.0.1 for node " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long nowNanos() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public void at(long atNanos, Runnable task) {
        control.schedule(task, Math.max(0, atNanos - nowNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public Executor control() {
        return control;
    }

    @Override
    public void runUntil(long untilNanos) {
        long left;
        while ((left = untilNanos - nowNanos()) > 0) {
            sleepNanos(Math.min(left, POLL_NANOS));
        }
    }

    @Override
    public boolean runUntil(BooleanSupplier condition, long maxNanos) {
        long deadline = nowNanos() + maxNanos;
        while (true) {
            if (evaluate(condition)) {
                return true;
            }
            if (nowNanos() >= deadline) {
                return false;
            }
            sleepNanos(POLL_NANOS);
        }
    }

    private boolean evaluate(BooleanSupplier condition) {
        try {
            return control.submit(condition::getAsBoolean).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public long events() {
        long sum = 0;
        synchronized (transports) {
            for (NettyUdpTransport t : transports) {
                sum += t.stats().received();
            }
        }
        return sum;
    }

    @Override
    public long messages() {
        long sum = 0;
        synchronized (transports) {
            for (NettyUdpTransport t : transports) {
                sum += t.stats().sent();
            }
        }
        return sum;
    }

    @Override
    public long bytes() {
        long sum = 0;
        synchronized (transports) {
            for (NettyUdpTransport t : transports) {
                sum += t.stats().sentBytes();
            }
        }
        return sum;
    }

    @Override
    public boolean singleThreaded() {
        return false;
    }

    @Override
    public void close() {
        control.shutdownNow();
        synchronized (transports) {
            transports.forEach(NettyUdpTransport::close);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
