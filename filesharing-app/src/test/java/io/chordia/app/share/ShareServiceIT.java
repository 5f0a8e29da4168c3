package io.chordia.app.share;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm scenarios at 64 MiB over real sockets on 127.0.0.1, every peer in this JVM with its
 * own event loops (the daemon-process version waits for the daemon, issue 7).
 */
class ShareServiceIT {
    private static final long SIZE = 64L << 20;

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
    void aFetcherKilledWithSigkillHalfWayResumesFromItsJournal() throws Exception {
        try (SwarmScenarios s = new SwarmScenarios(dir, SIZE)) {
            s.fetcherKilledHalfWayResumes();
        }
    }
}
