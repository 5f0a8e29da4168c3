package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.dashboard.ActiveTransfers.Transfer;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.routing.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's transfers: status lists a fetch with its progress while it runs, and not after. */
class DaemonTransfersIT {
    private static final int SIZE = 3 * 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void aRunningFetchIsInTheStatusWithItsProgressAndGoneWhenItEnds() throws Exception {
        try (PeerDaemon seeder = PeerDaemon.start(settings("a", List.of()));
             PeerDaemon fetcher = PeerDaemon.start(settings("b", List.of("127.0.0.1:" + seeder.self().address().port())))) {
            Path file = work.resolve("notes.bin");
            byte[] bytes = new byte[SIZE];
            new Random(7).nextBytes(bytes);
            Files.write(file, bytes);
            Link link = Link.parse(ShareCommands.share(seeder, new ShareCommands.ShareRequest(file.toString())).link());

            // Read on the share service's thread, while the fetch reports: not the node's thread, so status can block.
            List<List<Transfer>> seen = new CopyOnWriteArrayList<>();
            FetchResult r = fetcher.fetch(link, work.resolve("out"), p -> {
                try {
                    seen.add(fetcher.status().transfers());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS);

            assertThat(r.totalBytes()).isEqualTo(SIZE);
            assertThat(seen).isNotEmpty().allSatisfy(listed -> assertThat(listed).singleElement()
                    .satisfies(t -> assertThat(t.name()).isEqualTo("notes.bin"))
                    .satisfies(t -> assertThat(t.totalBytes()).isEqualTo(SIZE)));
            assertThat(seen.get(seen.size() - 1).get(0).doneBytes()).as("the last report, once all is verified")
                    .isEqualTo(SIZE);
            assertThat(fetcher.status().transfers()).isEmpty();
        }
    }

    private NodeSettings settings(String name, List<String> bootstrap) {
        return NodeSettings.defaults().withHost("127.0.0.1").withPort(0).withProtocol(Protocol.CHORD)
                .withBootstrap(bootstrap).withDataDir(work.resolve(name));
    }
}
