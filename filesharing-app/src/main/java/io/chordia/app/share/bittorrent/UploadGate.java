package io.chordia.app.share.bittorrent;

/** The peer's bound on connections uploaded to at once; thread-safe. */
public interface UploadGate {
    boolean tryAcquire();

    void release();
}
