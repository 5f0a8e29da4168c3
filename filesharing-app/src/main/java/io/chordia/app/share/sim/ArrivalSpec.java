package io.chordia.app.share.sim;

import java.util.random.RandomGenerator;

/**
 * When leechers arrive: {@code flash} (all at time 0, a flash crowd) or {@code poisson:RATE}
 * (a Poisson process of RATE peers per second: exponential gaps, mean 1/RATE s).
 */
public record ArrivalSpec(double perSecond) {
    public static final ArrivalSpec FLASH = new ArrivalSpec(0);

    public static ArrivalSpec parse(String text) {
        String t = text.trim();
        if (t.equals("flash")) {
            return FLASH;
        }
        if (t.startsWith("poisson:")) {
            try {
                double rate = Double.parseDouble(t.substring(8).replace("/s", ""));
                if (rate > 0 && Double.isFinite(rate)) {
                    return new ArrivalSpec(rate);
                }
            } catch (NumberFormatException e) {
                // said below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an arrival process: use flash or poisson:RATE "
                + "(peers per second, e.g. poisson:0.5)");
    }

    public boolean flash() {
        return perSecond == 0;
    }

    /** Seconds until the next arrival after one. */
    public double nextGapSeconds(RandomGenerator random) {
        return flash() ? 0 : -Math.log(1 - random.nextDouble()) / perSecond;
    }

    @Override
    public String toString() {
        return flash() ? "flash" : "poisson:" + perSecond;
    }
}
