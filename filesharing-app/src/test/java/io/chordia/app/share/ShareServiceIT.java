package io.chordia.app.share;

import org.junit.jupiter.api.Test;

/** The swarm scenarios at 64 MiB, plus a fetcher process killed with SIGKILL half way. */
class ShareServiceIT extends SwarmScenarioCases {
    @Override
    long size() {
        return 64L << 20;
    }

    @Test
    void aFetcherKilledWithSigkillHalfWayResumesFromItsJournal() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.fetcherKilledHalfWayResumes();
        }
    }
}
