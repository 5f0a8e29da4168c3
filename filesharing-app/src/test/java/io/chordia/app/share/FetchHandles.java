package io.chordia.app.share;

/** Fetch handles for tests of what follows a fetch (the daemon's transfer list), with no swarm behind them. */
public final class FetchHandles {
    private FetchHandles() {}

    /** A fetch still running; complete or cancel its {@link FetchHandle#result()} to end it. */
    public static FetchHandle running() {
        FetchHandle handle = new FetchHandle();
        handle.result().whenComplete((r, failure) -> handle.settle());
        return handle;
    }
}
