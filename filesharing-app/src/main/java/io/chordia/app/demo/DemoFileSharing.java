package io.chordia.app.demo;

import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.app.share.ProgressBar;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.directory.DhtPeerDirectory;
import io.chordia.core.store.RecordSigner;
import io.chordia.routing.replication.ReplicatedStorage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The demo's file-sharing step: two peers share the same file (so there are two sources), a third
 * finds them through the DHT and fetches it, every piece verified; the copy is compared by SHA-256.
 * Everything lives in a temporary directory that is removed afterwards.
 */
final class DemoFileSharing {
    private static final int SIZE = 32 << 20;

    private DemoFileSharing() {}

    /** The key a demo peer signs its directory entry with (a real node signs with its identity key). */
    private static RecordSigner demoKey(long seed, int peer) {
        return RecordSigner.generate(new SplittableRandom(seed * 31 + peer));
    }

    /** Returns the number of wrong answers (0 or 1). */
    static int run(PrintStream out, List<ReplicatedStorage> seeders, ReplicatedStorage fetcher, long seed) throws Exception {
        Path dir = Files.createTempDirectory("chordia-demo-");
        ShareService[] services = new ShareService[seeders.size() + 1];
        try {
            Path file = dir.resolve("seed").resolve("holiday-video.bin");
            SampleFiles.random(file, SIZE, seed);
            out.printf("%nSharing a %d MiB file from %d peers; another peer fetches it through the DHT%n",
                    SIZE >> 20, seeders.size());
            Link link = null;
            for (int i = 0; i < seeders.size(); i++) {
                services[i] = ShareService.start(ShareConfig.defaults().withThreads(1, 1),
                        new DhtPeerDirectory(seeders.get(i), demoKey(seed, i), System::currentTimeMillis));
                link = services[i].share(file);
                out.printf("  peer serving on %s announced it under %s%n", services[i].address(),
                        link.contentId().toHex().substring(0, 8));
            }
            out.printf("  link: %s%n", link);
            ShareService downloader = ShareService.start(ShareConfig.defaults().withThreads(1, 1),
                    new DhtPeerDirectory(fetcher, demoKey(seed, seeders.size()), System::currentTimeMillis));
            services[seeders.size()] = downloader;
            FetchResult r = downloader.fetch(link, dir.resolve("fetched"), p -> { }).get(60, TimeUnit.SECONDS);
            out.printf("  %s from %d peer%s%n", ProgressBar.summary(new FetchProgress(link.name(), r.totalBytes(),
                    r.totalBytes(), r.downloadedBytes(), r.bytesPerSecond(), r.peersUsed(), null, true)),
                    r.peersUsed(), r.peersUsed() == 1 ? "" : "s");
            String original = SampleFiles.sha256(file);
            boolean same = original.equals(SampleFiles.sha256(r.root()));
            out.printf(Locale.ROOT, "  SHA-256 of the copy %s the original's (%s…)%n", same ? "equals" : "DIFFERS FROM",
                    original.substring(0, 16));
            return same ? 0 : 1;
        } finally {
            for (ShareService s : services) {
                if (s != null) {
                    s.close();
                }
            }
            try {
                SampleFiles.deleteTree(dir);
            } catch (IOException e) {
                System.err.println("chordia: could not remove the demo's temporary files in " + dir + ": " + e.getMessage());
            }
        }
    }
}
