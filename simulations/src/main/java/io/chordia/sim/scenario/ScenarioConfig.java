package io.chordia.sim.scenario;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import io.chordia.sim.attack.SybilSpec;
import io.chordia.sim.churn.SessionModel;
import java.time.Duration;

/**
 * One scenario, everything that decides its outcome (with the seed, the whole run).
 *
 * @param lookups        lookups spread at random over the run; -1 means one per node per simulated minute
 * @param churnMedian    median session time; zero means no churn (each departure is replaced by a joining node)
 * @param failFraction   fraction of the live nodes that crash at once half way through
 * @param keys           records stored before the run and read back after it
 * @param replicas       copies of each record
 * @param loss           probability a datagram is lost (simulator only)
 * @param minuteSeconds  length of one row of the time series, in seconds of scenario time
 * @param partition      a partition of the network during the run, or {@link PartitionSpec#NONE}
 * @param sybil          attackers surrounding stored keys, and the honest nodes' defense
 */
public record ScenarioConfig(Protocol protocol, LookupStyle lookupStyle, int nodes, long seed, Duration duration,
                             long lookups, Duration churnMedian, SessionModel churnModel, double failFraction, int keys,
                             int replicas, double loss, LatencySpec latency, NetworkKind network, int minuteSeconds,
                             PartitionSpec partition, SybilSpec sybil) {
    public static final int MAX_SIM_NODES = 1_000_000;
    public static final int MAX_UDP_NODES = 2_000;

    public ScenarioConfig {
        require(nodes >= 2, "--nodes must be at least 2, was " + nodes);
        require(network != NetworkKind.UDP || nodes <= MAX_UDP_NODES,
                "--network udp runs at most " + MAX_UDP_NODES + " nodes, asked for " + nodes);
        require(nodes <= MAX_SIM_NODES, "--nodes must be at most " + MAX_SIM_NODES + ", was " + nodes);
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(duration.compareTo(Duration.ofDays(30)) <= 0, "--duration must be at most 30d");
        require(lookups >= -1, "--lookups must not be negative, was " + lookups);
        require(!churnMedian.isNegative(), "--churn-median must not be negative");
        require(churnMedian.isZero() || churnMedian.compareTo(Duration.ofSeconds(10)) >= 0,
                "--churn-median must be 0 (no churn) or at least 10s");
        require(failFraction >= 0 && failFraction < 1, "--fail-fraction must be in [0, 1), was " + failFraction);
        require(keys >= 0 && keys <= 10_000_000, "--keys must be between 0 and 10,000,000, was " + keys);
        require(replicas >= 1 && replicas <= 16, "--replicas must be between 1 and 16, was " + replicas);
        require(replicas < nodes, "--replicas must be below --nodes");
        require(loss >= 0 && loss < 1, "--loss must be in [0, 1), was " + loss);
        require(network != NetworkKind.UDP || loss == 0, "--loss is a simulator setting; real UDP on loopback loses what it loses");
        require(minuteSeconds > 0, "the time-series step must be positive");
        require(partition != null, "partition must not be null");
        require(network != NetworkKind.UDP || partition.isNone(), "--partition-at is a simulator setting");
        partition.checkWithin(duration);
        require(sybil != null, "sybil must not be null");
        require(!sybil.attacks() || keys > 0, "--sybil attacks stored keys: give --keys too");
        require(network != NetworkKind.UDP || !sybil.attacks(), "--sybil is a simulator setting");
    }

    /** A scenario without attackers, its honest nodes defending as {@link SybilSpec#NONE} says. */
    public ScenarioConfig(Protocol protocol, LookupStyle lookupStyle, int nodes, long seed, Duration duration,
                          long lookups, Duration churnMedian, SessionModel churnModel, double failFraction, int keys,
                          int replicas, double loss, LatencySpec latency, NetworkKind network, int minuteSeconds,
                          PartitionSpec partition) {
        this(protocol, lookupStyle, nodes, seed, duration, lookups, churnMedian, churnModel, failFraction, keys, replicas,
                loss, latency, network, minuteSeconds, partition, SybilSpec.NONE);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The lookups the run makes: the given count, or one per node per minute. */
    public long effectiveLookups() {
        return lookups >= 0 ? lookups : Math.max(1, (long) nodes * duration.toSeconds() / 60);
    }

    public boolean churns() {
        return !churnMedian.isZero();
    }

    /** This scenario with {@code value} as its partition. */
    public ScenarioConfig withPartition(PartitionSpec value) {
        return new ScenarioConfig(protocol, lookupStyle, nodes, seed, duration, lookups, churnMedian, churnModel,
                failFraction, keys, replicas, loss, latency, network, minuteSeconds, value, sybil);
    }

    /** This scenario with {@code value} as its attack and defense. */
    public ScenarioConfig withSybil(SybilSpec value) {
        return new ScenarioConfig(protocol, lookupStyle, nodes, seed, duration, lookups, churnMedian, churnModel,
                failFraction, keys, replicas, loss, latency, network, minuteSeconds, partition, value);
    }
}
