package io.chordia.app.share;

/** Receives a fetch's progress, a few times a second and once at the end; called on the fetch's event loop, must not block. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(FetchProgress progress);
}
