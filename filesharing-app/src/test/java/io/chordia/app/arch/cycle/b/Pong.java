package io.chordia.app.arch.cycle.b;

/** The other half of the package cycle that {@code PackageCyclesArchTest} must report. */
public final class Pong {
    public io.chordia.app.arch.cycle.a.Ping answer() {
        return new io.chordia.app.arch.cycle.a.Ping();
    }
}
