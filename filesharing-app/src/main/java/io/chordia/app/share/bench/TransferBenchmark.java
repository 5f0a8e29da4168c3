package io.chordia.app.share.bench;

import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.SwarmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One seeder to one fetcher, and one seeder to four fetchers at once, of a random file over
 * loopback, every piece verified and written to disk; prints MB/s (10^6 bytes per second) per run
 * and the median. All peers run in this JVM, each with its own event loops and workers, as the
 * daemons would. Usage: {@code TransferBenchmark [--size-mib N] [--runs N] [--dir DIR] [--fetchers N] [--window BLOCKS]}
 * ({@code --window}: a fixed number of block requests in flight per link instead of the adaptive window).
 */
public final class TransferBenchmark {
    private TransferBenchmark() {}

    public static void main(String[] args) throws Exception {
        long sizeMib = 1024;
        int runs = 3;
        int fetchers = 4;
        Path base = Path.of("/tmp");
        int window = 0;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--size-mib" -> sizeMib = Long.parseLong(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--dir" -> base = Path.of(args[i + 1]);
                case "--fetchers" -> fetchers = Integer.parseInt(args[i + 1]);
                case "--window" -> window = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; options: --size-mib N --runs N --dir DIR --fetchers N --window BLOCKS");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory(base, "chordia-bench-");
        try {
            long size = sizeMib << 20;
            Path file = SampleFiles.random(work.resolve("seed").resolve("bench.bin"), size, 1);
            InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
            ShareConfig fetcherConfig = ShareConfig.defaults().withSeedAfterFetch(false)
                    .withSwarm(window > 0 ? SwarmConfig.defaults().withFixedRequestWindow(window) : SwarmConfig.defaults());
            int cores = Runtime.getRuntime().availableProcessors();
            try (ShareService seeder = ShareService.start(ShareConfig.defaults().withMaxUploads(64), directory)) {
                long t0 = System.nanoTime();
                Link link = seeder.share(file);
                System.out.printf(Locale.ROOT, "%d MiB file in %s, %d cores; hashed for sharing at %.0f MB/s; epoll %s%n",
                        sizeMib, work, cores, size / ((System.nanoTime() - t0) / 1e3),
                        io.chordia.transport.netty.NettyEventLoops.epollAvailable());
                run("warm-up 1 -> 1", link, directory, fetcherConfig, work, 1, 1, size);
                List<Double> one = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    one.add(run("1 seeder -> 1 fetcher", link, directory, fetcherConfig, work, 1, r + 1, size));
                }
                List<Double> many = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    many.add(run("1 seeder -> " + fetchers + " fetchers (aggregate)", link, directory, fetcherConfig, work, fetchers, r + 1,
                            size));
                }
                System.out.printf(Locale.ROOT, "median 1 -> 1: %.0f MB/s; median 1 -> %d aggregate: %.0f MB/s%n",
                        median(one), fetchers, median(many));
                System.out.println("seeder: " + seeder.stats());
            }
        } finally {
            SampleFiles.deleteTree(work);
        }
    }

    private static double run(String what, Link link, InMemoryPeerDirectory directory, ShareConfig config, Path work, int fetchers, int run,
                              long size) throws Exception {
        List<ShareService> peers = new ArrayList<>();
        List<CompletableFuture<FetchResult>> fetches = new ArrayList<>();
        try {
            for (int i = 0; i < fetchers; i++) {
                peers.add(ShareService.start(config, directory));
            }
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            for (int i = 0; i < fetchers; i++) {
                fetches.add(peers.get(i).fetch(link, work.resolve("out-" + i), ProgressListener.NONE));
            }
            CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double mbps = fetchers * size / seconds / 1e6;
            double cpuPerGib = (processCpuNanos() - cpu0) / 1e9 / (fetchers * (double) size / (1L << 30));
            System.out.printf(Locale.ROOT, "%-40s run %d: %6.0f MB/s (%.2f s, %.2f CPU s per GiB, %d hash failures)%n", what,
                    run, mbps, seconds, cpuPerGib, fetches.stream().mapToInt(f -> f.join().hashFailures()).sum());
            return mbps;
        } finally {
            peers.forEach(ShareService::close);
            for (int i = 0; i < fetchers; i++) {
                SampleFiles.deleteTree(work.resolve("out-" + i));
            }
        }
    }

    /** CPU time of this process (user and system, all threads): steadier than wall time on a shared machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }
}
