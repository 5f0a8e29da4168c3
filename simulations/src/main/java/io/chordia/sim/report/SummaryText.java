package io.chordia.sim.report;

import io.chordia.sim.scenario.Summary;
import java.util.Locale;

/** The human-readable summary printed by default. */
public final class SummaryText {
    private SummaryText() {}

    public static String format(Summary s) {
        StringBuilder out = new StringBuilder();
        line(out, "%s%s, %s lookups, %,d nodes, seed %d, %s network", s.protocol(), s.k() == null ? "" : " (k = " + s.k() + ")",
                s.lookupStyle(), s.nodes(), s.seed(), s.network());
        line(out, "%s %s; churn %s%s; loss %s; latency %s", s.network().equals("udp") ? "ran (wall time)" : "simulated",
                seconds(s.simulatedSeconds()), s.churnModel(),
                s.churnMedianSeconds() > 0 ? " (median session " + seconds(s.churnMedianSeconds()) + ")" : "",
                s.loss(), s.latency());
        line(out, "");
        line(out, "lookups          %,d (%,d abandoned: their origin crashed)", s.lookups(), s.lookupsAbandoned());
        line(out, "success rate     %.4f", s.lookupSuccessRate());
        if (s.lookupConsistency() != null) {
            line(out, "consistency      %.4f of lookup pairs (same key, same moment) agree", s.lookupConsistency());
        }
        line(out, "hops             mean %.2f, p50 %d, p99 %d", s.hopsMean(), s.hopsP50(), s.hopsP99());
        line(out, "latency          mean %.1f ms, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms", s.lookupLatencyMsMean(),
                s.lookupLatencyMsP50(), s.lookupLatencyMsP90(), s.lookupLatencyMsP99());
        if (s.oracleLatencyMsP50() != null) {
            line(out, "oracle route     p50 %.1f ms, p99 %.1f ms (hops x median one-way delay)", s.oracleLatencyMsP50(),
                    s.oracleLatencyMsP99());
        }
        line(out, "traffic          %,d messages, %,d bytes, %.1f bytes/node/s (cost model: %s)", s.messages(), s.bytes(),
                s.maintenanceBytesPerNodePerSecond(), s.costModel());
        line(out, "churn            %,d departures, %,d joins (%,d failed), %,d crashed at half time, %,d live at the end",
                s.departures(), s.joins(), s.failedJoins(), s.massFailures(), s.liveNodesAtEnd());
        if (s.networkSizeEstimate() != null) {
            line(out, "network size     %,.0f nodes as a typical node estimates from its lookups (%,d live)",
                    s.networkSizeEstimate(), s.liveNodesAtEnd());
        }
        if (s.keysStored() > 0) {
            if (s.keysNotHeld() == null) {
                line(out, "keys             %,d stored, %,d lost", s.keysStored(), s.keysLost());
            } else {
                line(out, "keys             %,d stored, %,d lost: %,d held by no live node, %,d held but not read back",
                        s.keysStored(), s.keysLost(), s.keysNotHeld(), s.keysUnreadable());
            }
            line(out, "quota            %,d stores refused; at most %,d live records charged to one source on a node, "
                    + "%,d records on one node at the end", s.quotaRefusals(), s.quotaPeak(), s.recordsPerNodeMax());
        }
        if (s.sybils() > 0) {
            line(out, "sybil attack     %,d attackers from %d /24 subnets; defense %s; gets censored %.4f of all stored keys, "
                    + "%.4f of the targeted ones", s.sybils(), s.sybilSubnets(), s.sybilDefense(), s.getsCensored(),
                    s.getsCensoredTargeted() == null ? 0.0 : s.getsCensoredTargeted());
        } else if (s.getsCensored() != null) {
            line(out, "gets censored    %.4f (reads of stored keys that found nothing; defense %s)", s.getsCensored(),
                    s.sybilDefense());
        }
        if (s.keysLostToConflicts() > 0) {
            line(out, "conflicts        %,d keys had acknowledged writes on both sides of the partition (one lost each)",
                    s.keysLostToConflicts());
        }
        if (s.mergeSeconds() != null || s.partitionSameSideSuccessRate() != null) {
            line(out, "partition        merged %s after the heal; lookups during it: %s (owner on the origin's side), "
                    + "%s (other side); in the 2 min after the heal: %s",
                    s.mergeSeconds() == null ? "NOT before the end" : String.format(Locale.ROOT, "%.1f s", s.mergeSeconds()),
                    rate(s.partitionSameSideSuccessRate()), rate(s.partitionCrossSideSuccessRate()),
                    rate(s.afterHealSuccessRate()));
        }
        if (s.ringsAtEnd() != null) {
            line(out, "rings at the end %d", s.ringsAtEnd());
        }
        if (s.ringInvariantViolations() != null) {
            line(out, "ring invariants  %,d violations (checked every simulated minute)", s.ringInvariantViolations());
        }
        if (s.traceHash() != null) {
            line(out, "event trace      %s", s.traceHash());
        }
        line(out, "");
        line(out, "wall time        %.1f s (%.1f s building), %,.0f events/s, %,.0f messages/s", s.wallSeconds(),
                s.setupWallSeconds(), s.eventsPerWallSecond(), s.messagesPerWallSecond());
        if (s.runCpuSeconds() != null) {
            line(out, "run CPU time     %.1f s on the simulating thread (%,.0f messages per CPU second)",
                    s.runCpuSeconds(), s.messages() / s.runCpuSeconds());
        }
        return out.toString();
    }

    private static String rate(Double r) {
        return r == null ? "none made" : String.format(Locale.ROOT, "%.4f", r);
    }

    private static String seconds(double s) {
        return s >= 3600 && s % 3600 == 0 ? (long) (s / 3600) + " h" : s >= 60 && s % 60 == 0 ? (long) (s / 60) + " min"
                : String.format(Locale.ROOT, "%.0f s", s);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
