package io.chordia.app.share;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swarm transfers over real sockets on 127.0.0.1, at 8 MiB (the 64 MiB runs are {@code ShareServiceIT}). */
class ShareServiceTest {
    private static final long SIZE = 8L << 20;

    @TempDir
    Path dir;

    @Test
    void twoSeedersServeAThirdPeerTheSameBytes() throws Exception {
        try (SwarmScenarios s = new SwarmScenarios(dir, SIZE)) {
            s.twoSeedersOneFetcher();
        }
    }

    @Test
    void aSeederStoppedMidFetchLeavesTheOtherToFinish() throws Exception {
        try (SwarmScenarios s = new SwarmScenarios(dir, SIZE)) {
            s.seederStoppedMidFetch();
        }
    }

    @Test
    void aSeederSendingBadPiecesIsBannedAndTheResultIsStillRight() throws Exception {
        try (SwarmScenarios s = new SwarmScenarios(dir, SIZE)) {
            s.corruptingSeederIsBanned();
        }
    }

    @Test
    void anInterruptedFetchResumesWithoutFetchingVerifiedPiecesAgain() throws Exception {
        try (SwarmScenarios s = new SwarmScenarios(dir, SIZE)) {
            s.interruptedFetchResumes();
        }
    }

    @Test
    void aPeerServingAManifestThatDoesNotHashToTheContentIdIsBanned() throws Exception {
        try (SwarmScenarios s = new SwarmScenarios(dir, SIZE)) {
            s.peerServingAForgedManifestIsBanned();
        }
    }

    @Test
    void anAlteredLinkOrAContentNobodyHasFailsWithAClearMessage() throws Exception {
        try (SwarmScenarios s = new SwarmScenarios(dir, SIZE)) {
            s.alteredLinkAndMissingPeersFailWithAClearMessage();
        }
    }
}
