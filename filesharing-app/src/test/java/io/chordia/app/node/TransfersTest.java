package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.UserFacingException;
import io.chordia.app.share.FetchFailedException;
import io.chordia.app.share.FetchHandle;
import io.chordia.app.share.FetchHandles;
import io.chordia.app.share.FetchResult;
import io.chordia.app.share.Link;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.store.PartRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransfersTest {
    @TempDir
    Path dir;

    private Path book() {
        return dir.resolve("data").resolve("fetches.json");
    }

    private Transfers transfers() throws Exception {
        Files.createDirectories(book().getParent());
        return new Transfers(new UnfinishedFetches(book()));
    }

    private LocalContent content(String name) throws Exception {
        Path file = dir.resolve("src").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[40_000]);
        return new Sharer(16 << 10).share(file);
    }

    private static Transfer.TransferView only(Transfers t) {
        assertThat(t.list()).hasSize(1);
        return t.list().get(0);
    }

    @Test
    void aCancelledFetchIsPausedAndTheSameFetchAgainReplacesItInTheList() throws Exception {
        Transfers transfers = transfers();
        Link link = content("a.bin").link();
        Path out = dir.resolve("out");
        FetchHandle first = FetchHandles.running();
        transfers.start(link.toString(), link, out, false, listener -> first);
        assertThat(only(transfers).state()).isEqualTo("active");

        first.cancel().get();
        assertThat(only(transfers).state()).isEqualTo("paused");
        assertThat(only(transfers).why()).isEqualTo("cancelled");
        assertThat(only(transfers).source()).isEqualTo(link.toString());
        assertThat(only(transfers).outDir()).isEqualTo(out.toString());

        FetchHandle again = FetchHandles.running();
        transfers.start(link.toString(), link, out, false, listener -> again);
        assertThat(only(transfers).state()).as("the resumed fetch replaces its paused entry").isEqualTo("active");

        FetchHandle elsewhere = FetchHandles.running();
        transfers.start(link.toString(), link, dir.resolve("other"), false, listener -> elsewhere);
        assertThat(transfers.list()).as("another directory is another fetch").hasSize(2);
    }

    @Test
    void aFetchRunningWhenTheNodeStoppedIsListedPausedAfterTheRestartWhileItsPartFileIsThere() throws Exception {
        Link kept = content("kept.bin").link();
        Link gone = content("gone.bin").link();
        Path out = dir.resolve("out");
        Transfers before = transfers();
        before.start(kept.toString(), kept, out, true, listener -> FetchHandles.running());
        before.start("magnet:?xt=urn:btih:" + "cd".repeat(20), gone, out, true, listener -> FetchHandles.running());
        Files.createDirectories(out);
        Files.write(PartRoot.of(out, kept.name()), new byte[100]); // only kept.bin wrote something to resume

        Transfers after = transfers(); // the node restarted
        Transfer.TransferView v = only(after);
        assertThat(v.name()).isEqualTo("kept.bin");
        assertThat(v.state()).isEqualTo("paused");
        assertThat(v.why()).isEqualTo("the node stopped before it finished");
        assertThat(v.source()).isEqualTo(kept.toString());
        assertThat(v.path()).isEqualTo(PartRoot.of(out, kept.name()).toString());
        assertThat(after.find(kept.contentId().toHex().substring(0, 8), null)).isPresent();
        assertThat(Files.readString(book())).as("the fetch with nothing to resume is forgotten").doesNotContain("gone.bin")
                .contains("kept.bin");

        assertThatThrownBy(() -> after.start(kept.toString(), kept, out, false, listener -> {
            throw new UserFacingException("the node is still joining the network", "try again in a moment");
        })).isInstanceOf(UserFacingException.class);
        assertThat(only(after).state()).as("a fetch the node refused to start changes nothing").isEqualTo("paused");

        FetchHandle resumed = FetchHandles.running();
        after.start(kept.toString(), kept, out, false, listener -> resumed);
        assertThat(only(after).state()).isEqualTo("active");
    }

    @Test
    void aFinishedFetchIsNotListedAgainAfterARestartButAFailedOneWithItsPartFileIs() throws Exception {
        LocalContent done = content("done.bin");
        Link failing = content("failing.bin").link();
        Path out = dir.resolve("out");
        Transfers before = transfers();
        FetchHandle finishing = FetchHandles.running();
        before.start(done.link().toString(), done.link(), out, false, listener -> finishing);
        FetchHandle failed = FetchHandles.running();
        before.start(failing.toString(), failing, out, false, listener -> failed);
        Files.createDirectories(out);
        Files.write(PartRoot.of(out, "done.bin"), new byte[1]);
        Files.write(PartRoot.of(out, "failing.bin"), new byte[1]);

        finishing.result().complete(new FetchResult(done, out.resolve("done.bin"), 40_000, 40_000, 0, 0, 0, List.of(), 1,
                Duration.ofSeconds(1)));
        failed.result().completeExceptionally(new FetchFailedException("no peer delivered a piece in 60 s"));
        assertThat(before.list()).extracting(Transfer.TransferView::state).containsExactly("finished", "failed");

        assertThat(transfers().list()).extracting(Transfer.TransferView::name, Transfer.TransferView::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("failing.bin", "paused"));
    }

    @Test
    void aMissingOrUnreadableBookIsAnEmptyList() throws Exception {
        assertThat(transfers().list()).isEmpty();
        Files.writeString(book(), "{not json");
        assertThat(transfers().list()).isEmpty();
    }
}
