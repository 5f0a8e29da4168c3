package io.chordia.app.share.bench;

import io.chordia.app.share.FetchResult;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.TorrentPeers;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.bittorrent.fetch.TorrentFile;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import io.chordia.app.share.swarm.SwarmConfig;
import io.chordia.core.net.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A Chordia fetcher of a {@code .torrent} from one BitTorrent peer, for interop/bt_bench.py: fetches
 * {@code --torrent} from {@code --peer} into {@code --out} (every piece SHA-1 checked, as any fetch)
 * ({@code --request-window N}: a fixed N block requests in flight per link instead of the adaptive
 * window; {@code --window-cap N}: the adaptive window's cap)
 * and prints one JSON line as bt_leech.py does: ok, seconds (fetch started to complete), bytes, MB/s.
 */
public final class BitTorrentFetcher {
    private BitTorrentFetcher() {}

    public static void main(String[] args) throws Exception {
        Path torrentFile = null;
        Address peer = null;
        Path out = null;
        SwarmConfig swarm = ShareConfig.defaults().swarm();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--torrent" -> torrentFile = Path.of(args[i + 1]);
                case "--peer" -> peer = Address.parse(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--request-window" -> swarm = swarm.withFixedRequestWindow(Integer.parseInt(args[i + 1]));
                case "--window-cap" -> swarm = swarm.toBuilder().requestWindowCap(Integer.parseInt(args[i + 1])).build();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (torrentFile == null || peer == null || out == null) {
            throw new IllegalArgumentException("usage: BitTorrentFetcher --torrent T --peer HOST:PORT --out DIR [--request-window N | --window-cap N]");
        }
        TorrentInfo torrent = TorrentFile.parse(Files.readAllBytes(torrentFile));
        try (ShareService fetcher = ShareService.start(ShareConfig.defaults().withBind("127.0.0.1", 0).withSeedAfterFetch(false)
                        .withSwarm(swarm),
                new InMemoryPeerDirectory())) {
            long start = System.nanoTime();
            FetchResult r = fetcher.start(torrent, new TorrentPeers(torrent.infoHash(), List.of(peer), null), out, p -> { })
                    .result().get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "{\"ok\": true, \"seconds\": %.3f, \"bytes\": %d, \"MBps\": %.1f,"
                    + " \"hash_failed\": %d}", seconds, r.totalBytes(), r.totalBytes() / seconds / 1e6, r.hashFailures()));
        }
    }
}
