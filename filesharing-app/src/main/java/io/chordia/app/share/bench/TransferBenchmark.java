package io.chordia.app.share.bench;

import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.SwarmConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One seeder to one fetcher, and one seeder to four fetchers at once, of a random file over
 * loopback, every piece verified and written to disk; prints MB/s (10^6 bytes per second) per run
 * and the median. All peers run in this JVM, each with its own event loops and workers, as the
 * daemons would. Usage: {@code TransferBenchmark [--size-mib N] [--runs N] [--dir DIR] [--fetchers N] [--window BLOCKS]}.
 */
public final class TransferBenchmark {
    private TransferBenchmark() {}

    public static void main(String[] args) throws Exception {
        long sizeMib = 1024;
        int runs = 3;
        int fetchers = 4;
        Path base = Path.of("/tmp");
        int window = SwarmConfig.defaults().requestWindow();
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
            Path file = randomFile(work.resolve("seed").resolve("bench.bin"), size);
            InMemoryPeerDirectory directory = new InMemoryPeerDirectory();
            ShareConfig fetcherConfig = ShareConfig.defaults().withSeedAfterFetch(false)
                    .withSwarm(SwarmConfig.defaults().withRequestWindow(window));
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
            deleteTree(work);
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
                deleteTree(work.resolve("out-" + i));
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

    private static Path randomFile(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(1);
        byte[] chunk = new byte[4 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        chunk[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                int n = (int) Math.min(left, chunk.length);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
