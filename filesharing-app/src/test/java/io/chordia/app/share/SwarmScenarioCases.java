package io.chordia.app.share;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm scenarios every transfer size must pass, over real sockets on 127.0.0.1 with every
 * peer in this JVM; the assertions are in {@link SwarmScenarios}. Subclasses pick the size.
 */
abstract class SwarmScenarioCases {
    @TempDir
    Path dir;

    /** Bytes of the shared file. */
    abstract long size();

    SwarmScenarios scenarios() {
        return new SwarmScenarios(dir, size());
    }

    @Test
    void twoSeedersServeAThirdPeerTheSameBytes() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.twoSeedersOneFetcher();
        }
    }

    @Test
    void aSeederStoppedMidFetchLeavesTheOtherToFinish() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.seederStoppedMidFetch();
        }
    }

    @Test
    void aSeederSendingBadPiecesIsBannedAndTheResultIsStillRight() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.corruptingSeederIsBanned();
        }
    }

    @Test
    void aSeederSendingBadPiecesBesideAnHonestOneNeverSpoilsTheResult() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.corruptingSeederBesideAnHonestOne();
        }
    }

    @Test
    void anInterruptedFetchResumesWithoutFetchingVerifiedPiecesAgain() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.interruptedFetchResumes();
        }
    }

    @Test
    void aCancelledFetchKeepsItsPiecesInThePartFileAndResumes() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.cancelledFetchKeepsItsPiecesInThePartFile();
        }
    }
}
