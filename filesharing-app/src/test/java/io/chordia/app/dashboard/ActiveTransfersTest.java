package io.chordia.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.share.FetchProgress;
import io.chordia.app.share.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ActiveTransfersTest {
    private final ActiveTransfers transfers = new ActiveTransfers();

    @Test
    void aFetchIsListedWithItsLatestProgressUntilItEndsHoweverItEnds() {
        List<FetchProgress> passedOn = new ArrayList<>();
        AtomicReference<ProgressListener> listener = new AtomicReference<>();
        CompletableFuture<String> done = new CompletableFuture<>();
        CompletableFuture<String> failed = new CompletableFuture<>();
        transfers.watch("a.iso", 1000, passedOn::add, l -> {
            listener.set(l);
            return done;
        });
        transfers.watch("b.iso", 50, ProgressListener.NONE, l -> failed);
        assertThat(transfers.now()).extracting(ActiveTransfers.Transfer::name).containsExactly("a.iso", "b.iso");

        FetchProgress half = new FetchProgress("a.iso", 1000, 500, 600, 250.0, 3, null, false);
        listener.get().onProgress(half);
        assertThat(transfers.now().get(0)).isEqualTo(new ActiveTransfers.Transfer("a.iso", 1000, 500, 250.0, 3));
        assertThat(passedOn).containsExactly(half);

        failed.completeExceptionally(new IllegalStateException("no peers"));
        assertThat(transfers.now()).extracting(ActiveTransfers.Transfer::name).containsExactly("a.iso");
        done.complete("ok");
        assertThat(transfers.now()).isEmpty();
    }

    @Test
    void aFetchThatCannotStartIsNotListed() {
        assertThatThrownBy(() -> transfers.watch("c.iso", 1, ProgressListener.NONE, l -> {
            throw new IllegalArgumentException("bad link");
        })).hasMessage("bad link");
        assertThat(transfers.now()).isEmpty();
    }
}
