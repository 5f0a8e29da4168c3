package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.ControlCommand;
import io.chordia.app.node.FetchCommands.FetchReply;
import io.chordia.app.node.FetchCommands.FetchRequest;
import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.Link;
import io.chordia.app.share.LinkFormatException;
import io.chordia.app.share.TorrentPeers;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MagnetLink;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.bittorrent.fetch.MagnetLinkParser;
import io.chordia.app.share.bittorrent.fetch.TorrentFile;
import io.chordia.core.net.Address;
import io.chordia.routing.kademlia.SwarmClient;
import io.chordia.routing.overlay.BitTorrentServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code fetch} of a magnet link or a {@code .torrent} file: the content comes from BitTorrent
 * peers, those named ({@code x.pe}, {@code --peer}) and those BEP 5's get_peers finds when the node
 * is one of BitTorrent's DHT. With no peer at all it fails at once, saying where it looked; a
 * magnet's info dictionary is fetched first (ut_metadata, checked against the infohash); a torrent
 * our manifest cannot hold is refused with the reason. From there it is a fetch like a link's: the
 * same transfer, progress, cancel and resume.
 */
final class TorrentFetches {
    private static final Logger LOG = LogManager.getLogger();
    /** A metadata fetch gives up after the swarm's stall timeout; this only bounds the wait for it. */
    private static final Duration METADATA_WAIT = Duration.ofMinutes(5);

    private TorrentFetches() {}

    /** True for a magnet link or a path ending in {@code .torrent}: the fetch is BitTorrent's. */
    static boolean isTorrent(String text) {
        return text != null && (MagnetLinkParser.looksLikeOne(text)
                || text.strip().toLowerCase(Locale.ROOT).endsWith(".torrent"));
    }

    static FetchReply fetch(PeerDaemon daemon, Transfers transfers, FetchRequest q, ControlCommand.Progress progress)
            throws Exception {
        Source source = source(q);
        List<Address> named = new ArrayList<>(source.named());
        for (String peer : q.peers() == null ? List.<String>of() : q.peers()) {
            try {
                named.add(Address.parse(peer));
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("--peer " + peer + " is not HOST:PORT: " + e.getMessage(), null);
            }
        }
        java.util.Optional<SwarmClient> dht = BitTorrentServices.swarm(daemon.node());
        Function<InfoHash, CompletableFuture<List<Address>>> getPeers = dht.<Function<InfoHash, CompletableFuture<List<Address>>>>map(
                client -> h -> client.getPeers(h.id()).thenApply(SwarmClient.Found::peers)).orElse(null);
        TorrentPeers peers = new TorrentPeers(source.infoHash(), named, getPeers);
        List<Address> found = NodeCommands.awaitNetwork(peers.find(), NodeCommands.TIMEOUT);
        if (found.isEmpty()) {
            throw new UserFacingException("no peer found for " + source.describe() + ": " + whereLooked(source, q, dht.isPresent(),
                    daemon), "name a peer with --peer HOST:PORT, or run the node with --protocol mainline to search BitTorrent's DHT");
        }
        TorrentInfo torrent = source.torrent() != null ? source.torrent() : metadata(daemon, source, found);
        Link link = Link.of(io.chordia.app.share.ContentId.of(io.chordia.app.share.ManifestCodec.encode(torrent.manifest())),
                torrent.manifest());
        Path outDir = FetchCommands.outDir(q);
        LOG.info("fetching torrent {} ({}, {} bytes) from {} BitTorrent peers into {}", torrent.infoHash(), link.name(),
                link.size(), found.size(), outDir);
        Transfer t = transfers.start(q.link(), link, outDir, q.detach(), listener -> {
            var handle = daemon.fetchTorrent(torrent, peers, outDir, listener);
            daemon.measured().fetchStarted(handle.result());
            return handle;
        });
        if (q.detach()) {
            return new FetchReply(t.path().toString(), link.name(), link.size(), 0, 0, 0, List.of(), 0, 0, t.id(), true, false);
        }
        return FetchCommands.follow(t, progress);
    }

    /** What the request names: a magnet link (infohash and peers) or a {@code .torrent} (the info dictionary too). */
    private record Source(InfoHash infoHash, TorrentInfo torrent, List<Address> named, String describe) {}

    private static Source source(FetchRequest q) {
        String text = q.link().strip();
        if (MagnetLinkParser.looksLikeOne(text)) {
            MagnetLink magnet;
            try {
                magnet = MagnetLinkParser.parse(text);
            } catch (LinkFormatException e) {
                throw new UserFacingException("not a magnet link Chordia can fetch: " + e.getMessage(),
                        "copy the whole magnet:?xt=urn:btih:... link");
            }
            String name = magnet.displayName().isEmpty() ? "" : " (" + magnet.displayName() + ")";
            return new Source(magnet.infoHash(), null, magnet.peers(), "infohash " + magnet.infoHash().toHex() + name);
        }
        Path file = ShareCommands.absolute(text, "fetch");
        byte[] bytes;
        try {
            if (Files.size(file) > TorrentFile.MAX_BYTES) {
                throw new UserFacingException(file + " is larger than a .torrent can be (" + TorrentFile.MAX_BYTES + " bytes)", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), null);
        }
        TorrentInfo torrent;
        try {
            torrent = TorrentFile.parse(bytes);
        } catch (InvalidManifestException e) {
            throw refused(file.toString(), e);
        }
        return new Source(torrent.infoHash(), torrent, List.of(), file.getFileName() + " (infohash " + torrent.infoHash().toHex() + ")");
    }

    private static TorrentInfo metadata(PeerDaemon daemon, Source source, List<Address> peers) throws Exception {
        try {
            return daemon.torrentMetadata(source.infoHash(), peers).get(METADATA_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidManifestException refusal) {
                throw refused(source.describe(), refusal);
            }
            if (e.getCause() instanceof FetchFailedException f) {
                throw new UserFacingException(f.getMessage(), "check the peers are running and seed this torrent");
            }
            throw e;
        } catch (TimeoutException e) {
            throw new UserFacingException("no peer sent the metadata of " + source.describe() + " within "
                    + METADATA_WAIT.toMinutes() + " min", "check the peers are running and seed this torrent");
        }
    }

    private static UserFacingException refused(String what, InvalidManifestException e) {
        return new UserFacingException("Chordia cannot fetch " + what + ": " + e.getMessage(),
                "Chordia fetches v1 torrents whose piece length is a power of two from 16 KiB to 16 MiB and whose info holds"
                        + " only name, piece length, pieces and length/files, its files in byte order of their paths");
    }

    private static String whereLooked(Source source, FetchRequest q, boolean dht, PeerDaemon daemon) {
        List<String> places = new ArrayList<>();
        places.add(source.torrent() == null ? "the magnet link names no peer (x.pe)" : "a .torrent names no peer Chordia uses");
        places.add(q.peers() == null || q.peers().isEmpty() ? "no --peer was given" : "the --peer addresses did not parse");
        places.add(dht ? "get_peers in BitTorrent's DHT found nobody" : "this node runs --protocol "
                + daemon.settings().protocol().label() + ", which does not search BitTorrent's DHT");
        return String.join(", ", places);
    }
}
