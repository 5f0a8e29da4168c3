package io.chordia.app.lab;

import io.chordia.app.control.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Partition and heal on the lab, timed: {@code lab/partition-bench.sh} (root; not part of verify).
 * The scenario of {@code MultiHostLabIT}, measured instead of asserted: a write through every
 * daemon, a partition with a write through every daemon (so on both sides) every 10 s and lookups
 * of a sample of keys from every daemon in between, heal, then lookups for a while longer. Prints:
 * <ul>
 *   <li>{@code mergeSeconds}: from heal to the end of the first round in which every daemon's
 *       lookup of every sample key names Chord's owner among all nodes (-1: never);
 *   <li>{@code keysLost}: acknowledged writes that no daemon reads at the end;
 *       {@code keysUnreadableSomewhere}: those some daemon cannot read;
 *   <li>lookups during the partition and after the heal: answered (an owner came back), and
 *       correct (the owner of the asking side's ring while partitioned, of the whole ring after).
 * </ul>
 * Options: --hosts 5 --partition-seconds 60 --after-heal-seconds 120 --sample-keys 10
 * --delay-ms 20 --jitter-ms 5 --loss 0.01 --seed 1.
 */
public final class PartitionBenchmark {
    private static final Duration WRITE_EVERY = Duration.ofSeconds(10);

    private PartitionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int hosts = Integer.parseInt(o.getOrDefault("hosts", "5"));
        Duration partitionFor = Duration.ofSeconds(Long.parseLong(o.getOrDefault("partition-seconds", "60")));
        Duration afterHeal = Duration.ofSeconds(Long.parseLong(o.getOrDefault("after-heal-seconds", "120")));
        int sampleKeys = Integer.parseInt(o.getOrDefault("sample-keys", "10"));
        LinkProfile link = new LinkProfile(Duration.ofMillis(Long.parseLong(o.getOrDefault("delay-ms", "20"))),
                Duration.ofMillis(Long.parseLong(o.getOrDefault("jitter-ms", "5"))), Double.parseDouble(o.getOrDefault("loss", "0.01")));
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));

        Path work = LabCluster.keptWorkDirectory("PartitionBenchmark");
        try (LabNetwork lab = LabNetwork.create(hosts, seed, work)) {
            lab.relay().linkAll(link);
            say("lab: %d hosts, links %s; starting the bootstrap node and %d daemons", hosts, link, hosts - 1);
            try (LabCluster cluster = LabCluster.start(lab, work); PartitionScenario scenario = new PartitionScenario(lab, cluster)) {
                Map<String, Object> figures = run(scenario, sampleKeys, partitionFor, afterHeal);
                figures.put("hosts", hosts);
                figures.put("link", link.toString());
                figures.put("partition", scenario.left() + "|" + scenario.right());
                figures.put("partitionSeconds", partitionFor.toSeconds());
                System.out.println(Json.mapper().writeValueAsString(figures));
            }
        }
    }

    private static Map<String, Object> run(PartitionScenario scenario, int sampleKeys, Duration partitionFor,
                                           Duration afterHeal) throws Exception {
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < sampleKeys; i++) {
            sample.add("sample-" + i);
        }
        List<PartitionScenario.Write> writes = new ArrayList<>(scenario.writeThroughEveryDaemon("before"));
        say("before the partition: %d of %d writes acknowledged", acknowledged(writes).size(), writes.size());

        scenario.partition();
        say("partition %s | %s for %d s", scenario.left(), scenario.right(), partitionFor.toSeconds());
        Tally during = new Tally();
        long start = System.nanoTime();
        long nextWrite = start;
        for (int round = 1; System.nanoTime() - start < partitionFor.toNanos(); ) {
            if (System.nanoTime() >= nextWrite) {
                List<PartitionScenario.Write> written = scenario.writeThroughEveryDaemon("during-" + round);
                written.forEach(w -> say("  put %s through %s: %s", w.key(), w.via(), w.detail()));
                writes.addAll(written);
                round++;
                nextWrite += WRITE_EVERY.toNanos();
            }
            during.add(scenario.check(List.of(), sample));
        }
        say("during the partition: %d of %d writes acknowledged so far; lookups %s", acknowledged(writes).size(),
                writes.size(), during);

        scenario.heal();
        long healed = System.nanoTime();
        say("healed; looking up %d sample keys from every daemon for %d s", sample.size(), afterHeal.toSeconds());
        Tally after = new Tally();
        double mergeSeconds = -1;
        while (System.nanoTime() - healed < afterHeal.toNanos()) {
            PartitionScenario.Check c = scenario.check(List.of(), sample);
            after.add(c);
            if (mergeSeconds < 0 && c.lookupsCorrect() == c.lookups()) {
                mergeSeconds = (System.nanoTime() - healed) / 1e9;
                say("all daemons agree with Chord's owner for every sample key, %.1f s after heal", mergeSeconds);
            }
        }

        List<PartitionScenario.Write> acked = acknowledged(writes);
        int lost = 0;
        int unreadableSomewhere = 0;
        for (PartitionScenario.Write w : acked) {
            PartitionScenario.Check c = scenario.check(List.of(w), List.of());
            lost += c.readsOk() == 0 ? 1 : 0;
            unreadableSomewhere += c.readsOk() < c.reads() ? 1 : 0;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mergeSeconds", Math.round(mergeSeconds * 10) / 10.0);
        figures.put("writes", writes.size());
        figures.put("writesAcknowledged", acked.size());
        Map<String, Long> bySide = new LinkedHashMap<>();
        for (String side : List.of("left", "right")) {
            bySide.put(side, acked.stream().filter(w -> w.key().startsWith("during-") && scenario.sideOf(w.via()).equals(side)).count());
        }
        figures.put("acknowledgedDuringPartition", bySide);
        figures.put("keysLost", lost);
        figures.put("keysUnreadableSomewhere", unreadableSomewhere);
        figures.put("lookupsDuringPartition", during.asMap());
        figures.put("lookupsAfterHeal", after.asMap());
        return figures;
    }

    /** Lookups counted over rounds. */
    private static final class Tally {
        private long lookups;
        private long answered;
        private long correct;

        void add(PartitionScenario.Check c) {
            lookups += c.lookups();
            answered += c.lookupsAnswered();
            correct += c.lookupsCorrect();
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lookups", lookups);
            m.put("answered", answered);
            m.put("correct", correct);
            m.put("answeredRate", lookups == 0 ? 0 : Math.round(1000.0 * answered / lookups) / 1000.0);
            m.put("correctRate", lookups == 0 ? 0 : Math.round(1000.0 * correct / lookups) / 1000.0);
            return m;
        }

        @Override
        public String toString() {
            return asMap().toString();
        }
    }

    private static List<PartitionScenario.Write> acknowledged(List<PartitionScenario.Write> writes) {
        return writes.stream().filter(PartitionScenario.Write::acknowledged).toList();
    }

    private static Map<String, String> options(String[] args) {
        Set<String> known = Set.of("hosts", "partition-seconds", "after-heal-seconds", "sample-keys", "delay-ms", "jitter-ms",
                "loss", "seed");
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || !known.contains(args[i].substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs, names " + known + ": " + String.join(" ", args));
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
