package io.chordia.app.share.wire;

import io.chordia.app.share.bittorrent.BanList;
import io.chordia.app.share.bittorrent.Handshake;
import io.chordia.app.share.swarm.ChokePolicy;
import io.chordia.app.share.swarm.Choker;
import io.chordia.core.random.UnguessableRandom;
import io.chordia.core.time.Scheduler;
import io.chordia.core.util.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * BitTorrent clients on the share port: a connection whose first byte is the handshake's 19
 * (our own frames start with a type of 1 to 6) is served by a {@link BitTorrentSeederHandler}.
 * One per server: the contents, counters, ban list and the seed choker are the server's. Whom we
 * upload to is a {@link Choker}'s call: for a content still being fetched, that content's own (the
 * one our own protocol's fetchers share, ranking by what the fetch downloaded from each host); for
 * complete contents, one seed choker across them all, whose {@link ChokePolicy#defaults()} slots
 * rotate every round (BitTorrent's seed state: each interested client is served in turn).
 * {@link #matches} and {@link #handler} are the (prefix matcher, pipeline installer) pair a
 * first-bytes protocol registry takes.
 */
public final class BitTorrentSeeding {
    /** Long enough that a peer caught breaking the rules does not simply reconnect and try again. */
    static final Duration BAN_TERM = Duration.ofHours(1);
    static final int MAX_BANS = 10_000;
    private static final byte[] PEER_ID_PREFIX = "-CH0001-".getBytes(StandardCharsets.US_ASCII);

    private final ContentCatalog catalog;
    private final Choker seedChoker;
    private final Executor seedChokerThread;
    private final WireStats stats;
    private final BanList bans;
    private final Bytes peerId;

    /**
     * @param seedChokerThread where the complete contents' choker runs its rounds (confined to it)
     * @param random           its optimistic unchokes
     */
    public BitTorrentSeeding(ContentCatalog catalog, Scheduler seedChokerThread, RandomGenerator random, WireStats stats) {
        this.catalog = catalog;
        // Nothing is downloaded from a client of a complete content, and it is always seeding: slots rotate.
        this.seedChoker = new Choker(seedChokerThread, random, ChokePolicy.defaults(), host -> 0, () -> true);
        this.seedChokerThread = seedChokerThread::execute;
        seedChokerThread.execute(seedChoker::start);
        this.stats = stats;
        this.bans = new BanList(System::nanoTime, BAN_TERM, MAX_BANS);
        this.peerId = newPeerId();
    }

    /** Azureus-style: client code and version, then random bytes. */
    static Bytes newPeerId() {
        byte[] id = new byte[20];
        System.arraycopy(PEER_ID_PREFIX, 0, id, 0, PEER_ID_PREFIX.length);
        byte[] random = UnguessableRandom.bytes(20 - PEER_ID_PREFIX.length);
        System.arraycopy(random, 0, id, PEER_ID_PREFIX.length, random.length);
        return Bytes.wrapOwned(id);
    }

    /** True when the connection's first byte is a BitTorrent handshake's (at least one byte must be readable). */
    public static boolean matches(ByteBuf firstBytes) {
        return firstBytes.getByte(firstBytes.readerIndex()) == Handshake.PSTRLEN;
    }

    /** A new connection's handler. */
    public ChannelHandler handler() {
        return new BitTorrentSeederHandler(catalog, seedChoker, seedChokerThread, stats, bans, peerId);
    }

    public BanList bans() {
        return bans;
    }
}
