package io.chordia.app.share.directory;

/**
 * Where one announcement landed, for {@code chordia share} to say whether fetchers can find the peer.
 *
 * @param stored   how many replicas of the directory hold it (0: nobody can find the peer yet)
 * @param wanted   how many should
 * @param accepted whether the directory counts it as done (a DHT put that reached its quorum)
 * @param summary  the same in words: {@code stored on 2 of 3 replicas (1 did not store it)}
 */
public record Announcement(int stored, int wanted, boolean accepted, String summary) {
    /** A directory that stores what it is told in one place (in memory, say). */
    public static Announcement held() {
        return new Announcement(1, 1, true, "stored on 1 of 1 replicas");
    }
}
