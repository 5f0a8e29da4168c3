package io.chordia.sim.scenario;

import io.chordia.core.sim.LatencyModel;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-way delay model as text: {@code constant:50ms}, {@code uniform:5ms-60ms}, {@code wan}
 * (log-normal, median 40 ms, σ 0.6: p99 ≈ 160 ms) or {@code lognormal:40ms,0.6}.
 */
public record LatencySpec(String text, LatencyModel model) {
    public static final String DEFAULT = "uniform:5ms-60ms";

    public static LatencySpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("wan")) {
                return new LatencySpec(t, LatencyModel.logNormal(Duration.ofMillis(40), 0.6));
            }
            int colon = t.indexOf(':');
            String kind = colon < 0 ? t : t.substring(0, colon);
            String args = colon < 0 ? "" : t.substring(colon + 1);
            switch (kind) {
                case "constant":
                    return new LatencySpec(t, LatencyModel.constant(DurationText.parse(args)));
                case "uniform": {
                    String[] range = args.split("-", 2);
                    return new LatencySpec(t, LatencyModel.uniform(DurationText.parse(range[0]), DurationText.parse(range[1])));
                }
                case "lognormal": {
                    String[] p = args.split(",", 2);
                    return new LatencySpec(t, LatencyModel.logNormal(DurationText.parse(p[0]), Double.parseDouble(p[1])));
                }
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // fall through to the one message that shows the accepted forms
        }
        throw new IllegalArgumentException("'" + text + "' is not a latency model (write constant:50ms, uniform:5ms-60ms, "
                + "lognormal:40ms,0.6 or wan)");
    }
}
