package io.chordia.app.bench;

import io.chordia.app.node.NodeSettings;
import io.chordia.app.node.PeerDaemon;
import io.chordia.app.share.FetchHandle;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.TorrentPeers;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.core.net.Address;
import io.chordia.routing.Protocol;
import io.chordia.routing.kademlia.SwarmClient;
import io.chordia.routing.overlay.BitTorrentServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Time from fetching a magnet link (no x.pe: peers only through the DHT) to its first verified
 * piece, as {@code chordia fetch MAGNET} does it in a daemon: get_peers at a Mainline node, the info
 * dictionary over ut_metadata, the swarm's first piece (256 KiB, SHA-1 checked). A Chordia node on
 * {@code --protocol mainline} and a libtorrent 2.0 seed that joined it and announced the torrent
 * there (interop/bt_seed.py --dht) run on 127.0.0.1; each run uses a fresh output directory and is
 * cancelled after its first piece. Prints each run's phases and the median, min and max.
 *
 * <p>{@code java -cp CP io.chordia.app.bench.MagnetFirstPiece [--runs 10] [--dir /dev/shm/chordia-magnet]}
 */
public final class MagnetFirstPiece {
    private MagnetFirstPiece() {}

    public static void main(String[] args) throws Exception {
        int runs = 10;
        Path dir = Path.of("/dev/shm/chordia-magnet");
        String python = "/usr/bin/python3";
        Path script = Path.of("interop/bt_seed.py");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--python" -> python = args[i + 1];
                case "--seed-script" -> script = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path seedDir = dir.resolve("seed");
        Path file = SampleFiles.random(seedDir.resolve("m.bin"), 64L << 20, 1);
        TorrentInfo torrent = TorrentInfo.of(new Sharer(256 * 1024).share(file).manifest());
        Path torrentFile = Files.write(dir.resolve("m.torrent"), torrent.torrentFile());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process seed = null;
        try (PeerDaemon node = PeerDaemon.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(port)
                .withProtocol(Protocol.parse("mainline")).withBootstrap(List.of()).withDataDir(dir.resolve("node")));
             ShareService fetcher = ShareService.start(ShareConfig.defaults().withBind("127.0.0.1", 0).withSeedAfterFetch(false)
                     .withSwarm(ShareConfig.defaults().swarm().withProgressInterval(Duration.ofMillis(1))),
                     new InMemoryPeerDirectory())) {
            seed = new ProcessBuilder(python, script.toString(), "--torrent", torrentFile.toString(), "--save", seedDir.toString(),
                    "--dht", "127.0.0.1:" + port).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String ready = new BufferedReader(new InputStreamReader(seed.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IllegalStateException("the libtorrent seed did not start: " + ready);
            }
            SwarmClient dht = BitTorrentServices.swarm(node.node()).orElseThrow();
            Function<InfoHash, CompletableFuture<List<Address>>> getPeers = h -> dht.getPeers(h.id()).thenApply(SwarmClient.Found::peers);
            awaitAnnounced(getPeers, torrent.infoHash());
            List<Double> totals = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                totals.add(once(run, fetcher, torrent.infoHash(), getPeers, dir.resolve("out-" + run)));
            }
            List<Double> sorted = totals.stream().sorted().toList();
            System.out.println(String.format(Locale.ROOT, "magnet -> first verified piece over %d runs: median %.1f ms, min %.1f, max %.1f",
                    runs, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1)));
        } finally {
            if (seed != null) {
                seed.getOutputStream().close();
                seed.destroyForcibly();
            }
            SampleFiles.deleteTree(dir);
        }
    }

    private static void awaitAnnounced(Function<InfoHash, CompletableFuture<List<Address>>> getPeers, InfoHash infoHash)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (getPeers.apply(infoHash).get(10, TimeUnit.SECONDS).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("libtorrent's announcement never reached the node");
            }
            Thread.sleep(200);
        }
    }

    private static double once(int run, ShareService fetcher, InfoHash infoHash,
                               Function<InfoHash, CompletableFuture<List<Address>>> getPeers, Path out) throws Exception {
        long start = System.nanoTime();
        TorrentPeers peers = new TorrentPeers(infoHash, List.of(), getPeers);
        List<Address> found = peers.find().get(30, TimeUnit.SECONDS);
        long peersAt = System.nanoTime();
        TorrentInfo info = fetcher.torrentMetadata(infoHash, found).get(60, TimeUnit.SECONDS);
        long metadataAt = System.nanoTime();
        CompletableFuture<Long> firstPiece = new CompletableFuture<>();
        FetchHandle handle = fetcher.start(info, peers, out, p -> {
            if (p.verifiedBytes() > 0) {
                firstPiece.complete(System.nanoTime());
            }
        });
        long pieceAt = firstPiece.get(60, TimeUnit.SECONDS);
        handle.cancel().get(30, TimeUnit.SECONDS);
        double total = (pieceAt - start) / 1e6;
        System.out.println(String.format(Locale.ROOT, "run %d: %.1f ms (get_peers %.1f, ut_metadata %.1f, first piece %.1f; %d peers)",
                run, total, (peersAt - start) / 1e6, (metadataAt - peersAt) / 1e6, (pieceAt - metadataAt) / 1e6, found.size()));
        return total;
    }
}
