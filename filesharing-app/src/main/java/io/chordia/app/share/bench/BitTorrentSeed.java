package io.chordia.app.share.bench;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.directory.InMemoryPeerDirectory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Chordia seed for BitTorrent clients, for interop/bt_bench.py: shares {@code --file} (in the
 * default 256 KiB pieces) on 127.0.0.1, writes its {@code .torrent} to {@code --torrent}, prints
 * {@code READY <port> <infohash>} and serves until stdin closes; then prints what it served.
 */
public final class BitTorrentSeed {
    private BitTorrentSeed() {}

    public static void main(String[] args) throws Exception {
        Path file = null;
        Path torrent = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[i + 1]);
                case "--torrent" -> torrent = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (file == null || torrent == null) {
            throw new IllegalArgumentException("usage: BitTorrentSeed --file FILE --torrent OUT");
        }
        try (ShareService seed = ShareService.start(ShareConfig.defaults().withBind("127.0.0.1", 0), new InMemoryPeerDirectory())) {
            seed.share(file);
            LocalContent content = seed.served().get(0);
            TorrentInfo info = TorrentInfo.of(content.manifest());
            Files.write(torrent, info.torrentFile());
            System.out.println("READY " + seed.address().port() + " " + info.infoHash().toHex());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            System.out.println("chordia seed: " + seed.stats());
        }
    }
}
