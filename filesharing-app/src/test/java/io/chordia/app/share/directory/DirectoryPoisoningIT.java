package io.chordia.app.share.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.demo.LoopbackDemo;
import io.chordia.app.demo.NettyPeerFactory;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.app.share.ProgressListener;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.ShareConfig;
import io.chordia.app.share.ShareService;
import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.store.InMemoryRecordStore;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.store.RecordSigner;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.ChordNode;
import io.chordia.routing.replication.ChordPlacement;
import io.chordia.routing.replication.PutResult;
import io.chordia.routing.replication.ReplicatedStorage;
import io.chordia.routing.replication.StorageConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poisoning attacks of {@link DirectoryPoisoningSimTest} against a real fetch: a Chord ring
 * with replicated storage on loopback UDP, three sharers serving a file over TCP, a poisoner with
 * its own node, and a fetcher that finds the sharers through the DHT and downloads the file.
 */
class DirectoryPoisoningIT {
    private static final int NODES = 6;
    private static final int SHARERS = 3;
    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    private final List<ReplicatedStorage> storages = new ArrayList<>();
    private final List<ShareService> services = new ArrayList<>();

    @Test
    void aFetchFindsTheHonestSharersAndCompletesDespiteAPoisoner() throws Exception {
        try (NettyPeerFactory factory = new NettyPeerFactory()) {
            try {
                ring(factory);
                run();
            } finally {
                services.forEach(ShareService::close);
                storages.forEach(ReplicatedStorage::stop);
            }
        }
    }

    private void run() throws Exception {
        Path file = SampleFiles.random(dir.resolve("seed").resolve("data.bin"), 4L << 20, 42);
        List<DhtPeerDirectory> honest = new ArrayList<>();
        List<RecordSigner> keys = new ArrayList<>();
        Link link = null;
        for (int i = 0; i < SHARERS; i++) {
            keys.add(RecordSigner.generate(new SplittableRandom(100 + i)));
            honest.add(new DhtPeerDirectory(storages.get(i), keys.get(i), System::currentTimeMillis));
            ShareService s = start(honest.get(i));
            Path copy = Files.createDirectories(dir.resolve("sharer-" + i)).resolve("data.bin");
            Files.copy(file, copy);
            link = s.share(copy);
        }
        List<Address> sharers = services.stream().map(ShareService::address).toList();
        DhtPeerDirectory fetcherDirectory = new DhtPeerDirectory(storages.get(NODES - 1),
                RecordSigner.generate(new SplittableRandom(7)), System::currentTimeMillis);
        awaitListed(fetcherDirectory, link, sharers);

        DirectoryPoisoner mallory = new DirectoryPoisoner(storages.get(NODES - 2), System::currentTimeMillis,
                new SplittableRandom(666));
        Address decoy = new Address("127.0.0.1", closedPort());
        List<PeerSetEntry> captured = await(mallory.capture(link.contentId()));
        for (int i = 0; i < SHARERS; i++) {
            await(honest.get(i).announce(link.contentId(), sharers.get(i), Duration.ofMinutes(2)));
        }
        List<PutResult> attacks = new ArrayList<>();
        attacks.addAll(all(mallory.replaceLists(link.contentId(), decoy)));
        attacks.addAll(all(mallory.hugeSequence(link.contentId(), keys.get(0).publicKey(), decoy)));
        attacks.addAll(all(mallory.forge(link.contentId(), keys.stream().map(RecordSigner::publicKey).toList(), decoy)));
        attacks.addAll(all(mallory.replay(link.contentId(), captured)));
        attacks.addAll(all(mallory.flood(link.contentId(), 300, decoy)));

        List<Address> found = await(fetcherDirectory.findPeers(link.contentId()));
        ShareService fetcher = start(fetcherDirectory);
        FetchResult r = fetcher.fetch(link, dir.resolve("out"), ProgressListener.NONE).get(60, TimeUnit.SECONDS);

        System.out.printf("poisoning IT: %d stores by the poisoner (%d refused), %d peers listed (%d honest of %d),"
                        + " fetched %d bytes from %d peers in %d ms%n", attacks.size(),
                attacks.stream().filter(p -> p.status() != PutResult.Status.OK).count(), found.size(),
                found.stream().filter(sharers::contains).count(), SHARERS, r.downloadedBytes(), r.peersUsed(),
                r.elapsed().toMillis());
        assertThat(found).containsAll(sharers);
        assertThat(SampleFiles.sha256(r.root())).isEqualTo(SampleFiles.sha256(file));
        assertThat(r.peersUsed()).isPositive();
        assertThat(r.hashFailures()).isZero();
    }

    private void ring(NettyPeerFactory factory) throws Exception {
        SplittableRandom ids = new SplittableRandom(2026);
        List<ChordNode> nodes = new ArrayList<>();
        List<Contact> ring = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            LoopbackDemo.PeerSockets s = factory.open();
            ChordNode node = new ChordNode(new Contact(NodeId.random(ids), s.transport().localAddress()), s.transport(),
                    s.scheduler(), new SplittableRandom(i), ChordConfig.defaults());
            nodes.add(node);
            storages.add(new ReplicatedStorage(node, new InMemoryRecordStore(), StorageConfig.defaults(),
                    new ChordPlacement(node), new SplittableRandom(50 + i), System::currentTimeMillis));
            ring.add(node.self());
        }
        ring.sort(Comparator.comparing(Contact::id));
        for (int i = 0; i < NODES; i++) {
            ChordNode node = nodes.get(i);
            CompletableFuture.runAsync(() -> node.installConvergedState(ring, true), node.rpc().scheduler())
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            storages.get(i).start();
        }
    }

    private ShareService start(PeerDirectory directory) throws Exception {
        ShareService s = ShareService.start(ShareConfig.defaults().withThreads(1, 1), directory);
        services.add(s);
        return s;
    }

    /** Sharing announces in the background: wait until the fetcher's directory lists every sharer. */
    private static void awaitListed(PeerDirectory directory, Link link, List<Address> sharers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!await(directory.findPeers(link.contentId())).containsAll(sharers)) {
            assertThat(System.nanoTime() - deadline).as("sharers %s listed in time", sharers).isNegative();
            Thread.sleep(100);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<PutResult> all(List<CompletableFuture<PutResult>> puts) throws Exception {
        List<PutResult> done = new ArrayList<>();
        for (CompletableFuture<PutResult> p : puts) {
            done.add(await(p));
        }
        return done;
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
