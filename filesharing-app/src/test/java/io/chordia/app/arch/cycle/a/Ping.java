package io.chordia.app.arch.cycle.a;

/** Half of a package cycle that {@code PackageCyclesArchTest} must report. */
public final class Ping {
    public io.chordia.app.arch.cycle.b.Pong answer() {
        return new io.chordia.app.arch.cycle.b.Pong();
    }
}
