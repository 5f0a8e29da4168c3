package io.chordia.app.share;

import org.junit.jupiter.api.Test;

/** The swarm scenarios at 8 MiB (the 64 MiB runs are {@code ShareServiceIT}), plus the failures that need no size. */
class ShareServiceTest extends SwarmScenarioCases {
    @Override
    long size() {
        return 8L << 20;
    }

    @Test
    void aPeerServingAManifestThatDoesNotHashToTheContentIdIsBanned() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.peerServingAForgedManifestIsBanned();
        }
    }

    @Test
    void anAlteredLinkOrAContentNobodyHasFailsWithAClearMessage() throws Exception {
        try (SwarmScenarios s = scenarios()) {
            s.alteredLinkAndMissingPeersFailWithAClearMessage();
        }
    }
}
