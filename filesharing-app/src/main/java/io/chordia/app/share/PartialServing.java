package io.chordia.app.share;

import io.chordia.app.share.swarm.ChokePolicy;
import io.chordia.app.share.swarm.Choker;
import io.chordia.app.share.swarm.SwarmFetcher;
import io.chordia.app.share.wire.ContentCatalog;
import io.chordia.app.share.wire.ServedContent;
import io.chordia.core.time.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A fetch's pieces served to other peers while it runs: once its files are open the content is
 * served in part (bitfield, HAVE per verified piece, BitTorrent's {@link Choker} on the fetch's
 * node thread, ranking peers by what the fetch downloaded from them) and announced once it holds
 * a piece. When the fetch completes, the same served content becomes complete; when it fails or
 * is cancelled, serving stops and the announcement is no longer refreshed.
 */
final class PartialServing implements SwarmFetcher.Seeding {
    private static final Logger LOG = LogManager.getLogger();

    private final ContentId id;
    private final SwarmFetcher fetcher;
    private final Scheduler nodeThread;
    private final RandomGenerator random;
    private final ContentCatalog catalog;
    private final Runnable announce;
    private ServedContent served;
    private boolean announced;

    PartialServing(ContentId id, SwarmFetcher fetcher, Scheduler nodeThread, RandomGenerator random, ContentCatalog catalog,
                   Runnable announce) {
        this.id = id;
        this.fetcher = fetcher;
        this.nodeThread = nodeThread;
        this.random = random;
        this.catalog = catalog;
        this.announce = announce;
    }

    @Override
    public void storeOpened(Manifest manifest, byte[] encodedManifest, List<Path> files, BitSet verified) {
        ServedContent[] self = new ServedContent[1];
        Choker choker = new Choker(nodeThread, random, ChokePolicy.defaults(), fetcher::downloadedFrom,
                () -> self[0].complete());
        try {
            self[0] = ServedContent.partial(new LocalContent(id, manifest, encodedManifest, files), verified, choker,
                    nodeThread::execute);
        } catch (IOException e) {
            LOG.warn("cannot serve {} while fetching it: {}", manifest.name(), e.getMessage());
            return;
        }
        if (catalog.add(self[0]) != self[0]) {
            return; // served already (complete, from elsewhere on this peer)
        }
        served = self[0];
        choker.start();
        if (!verified.isEmpty()) {
            announceOnce();
        }
    }

    @Override
    public void pieceVerified(int piece) {
        if (served != null) {
            served.have(piece);
            announceOnce();
        }
    }

    private void announceOnce() {
        if (!announced) {
            announced = true;
            announce.run();
        }
    }

    /** The fetch ended: with {@code whole} the content is complete and stays served; without, serving stops. Node thread. */
    void ended(LocalContent whole) {
        if (served == null) {
            return;
        }
        if (whole != null) {
            served.completed(whole);
        } else {
            catalog.remove(served);
        }
    }

    /** Whether this fetch's content was announced while it ran. */
    boolean announced() {
        return announced;
    }
}
