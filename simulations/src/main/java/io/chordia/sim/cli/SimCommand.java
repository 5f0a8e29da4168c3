package io.chordia.sim.cli;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.replication.KeyDistance;
import io.chordia.routing.replication.SybilDefense;
import io.chordia.sim.attack.SybilSpec;
import io.chordia.sim.churn.ChurnStart;
import io.chordia.sim.churn.SessionModel;
import io.chordia.sim.report.RunFiles;
import io.chordia.sim.report.SummaryJson;
import io.chordia.sim.report.SummaryText;
import io.chordia.sim.scenario.CostModel;
import io.chordia.sim.scenario.LatencySpec;
import io.chordia.sim.scenario.NetworkKind;
import io.chordia.sim.scenario.PartitionSpec;
import io.chordia.sim.scenario.ScenarioConfig;
import io.chordia.sim.scenario.ScenarioRunner;
import io.chordia.sim.scenario.ScenarioTuning;
import io.chordia.sim.scenario.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chordia sim}: one scenario on the in-memory network (virtual time) or on real UDP
 * sockets on 127.0.0.1 (wall time), with the real node code; prints a summary.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, subcommands = PaperCommand.class,
        description = {"Run a DHT scenario with the real node code on the simulated network (virtual time, "
                + "reproducible by seed) or on real UDP sockets on 127.0.0.1 (--network udp: durations are wall time).",
                "Example: chordia sim --protocol chord --nodes 1000 --duration 1h --churn-median 30m --json"})
public final class SimCommand implements Callable<Integer> {
    static final int USAGE_ERROR = 2;

    @Option(names = "--protocol", defaultValue = Protocol.DEFAULT_LABEL, converter = Converters.ProtocolName.class,
            paramLabel = "chord|kademlia", description = Protocol.OPTION_HELP)
    Protocol protocol;

    @Option(names = "--k", paramLabel = "N", description = "Kademlia's bucket size and lookup width, 1 to "
            + KademliaConfig.MAX_K + " (default: the protocol's own: 20 for kademlia, BEP 5's 8 for mainline).")
    Integer k;

    @Option(names = "--nodes", defaultValue = "1000", paramLabel = "N", description = "Nodes at the start (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Master seed: same seed and options, same summary (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", defaultValue = "1h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Scenario time, e.g. 10m, 1h, 1h30m; simulated, or wall time with --network udp (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--lookups", defaultValue = "-1", paramLabel = "N",
            description = "Lookups of random keys from random nodes, spread over the run (default: one per node per minute).")
    long lookups;

    @Option(names = "--lookup-style", defaultValue = "iterative", converter = Converters.StyleName.class,
            paramLabel = "iterative|recursive",
            description = "iterative or recursive (default: ${DEFAULT-VALUE}).")
    LookupStyle lookupStyle;

    @Option(names = "--churn-median", defaultValue = "0", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Median session time; each departing node is replaced by a joining one; 0 means no churn (default: ${DEFAULT-VALUE}).")
    Duration churnMedian;

    @Option(names = "--churn-model", defaultValue = "exponential", converter = Converters.ChurnModelName.class,
            paramLabel = "exponential|weibull|pareto",
            description = "Session length distribution: exponential, weibull (k=0.5) or pareto (alpha=2) (default: ${DEFAULT-VALUE}).")
    SessionModel churnModel;

    @Option(names = "--churn-start", defaultValue = "steady", converter = Converters.ChurnStartName.class,
            paramLabel = "steady|fresh",
            description = "What the starting nodes have left of their sessions: steady (the rest of a session, as in a network "
                    + "that has churned for long) or fresh (a whole session each, as if all joined at the start) (default: ${DEFAULT-VALUE}).")
    ChurnStart churnStart;

    @Option(names = "--fail-fraction", defaultValue = "0", paramLabel = "F",
            description = "Fraction of the live nodes that crash at once half way through (default: ${DEFAULT-VALUE}).")
    double failFraction;

    @Option(names = "--keys", defaultValue = "0", paramLabel = "N", description = "Records stored before the run and read back after it (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--replicas", defaultValue = "3", paramLabel = "N", description = "Copies of each record (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--quota", paramLabel = "N",
            description = "Live records one source host (IPv4 address, IPv6 /64) may have stored on a node (default: the library's).")
    Integer quota;

    @Option(names = "--loss", defaultValue = "0", paramLabel = "P", description = "Probability a datagram is lost, simulator only (default: ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--latency", defaultValue = LatencySpec.DEFAULT, converter = Converters.Latency.class, paramLabel = "MODEL",
            description = "One-way delay: constant:50ms, uniform:5ms-60ms, lognormal:40ms,0.6 or wan (default: ${DEFAULT-VALUE}).")
    LatencySpec latency;

    @Option(names = "--network", defaultValue = "sim", converter = Converters.NetworkName.class, paramLabel = "sim|udp",
            description = "sim (virtual time) or udp (real sockets on 127.0.0.1, wall time, up to ~1,000 nodes) (default: ${DEFAULT-VALUE}).")
    NetworkKind network;

    @Option(names = "--stabilize", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Chord: stabilize and refresh one finger this often, check the predecessor half as often (default: ${DEFAULT-VALUE}).")
    Duration stabilize;

    @Option(names = "--partition-at", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Split the network this long after the start, e.g. 20m (simulator only; with --partition-for).")
    Duration partitionAt;

    @Option(names = "--partition-for", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the partition lasts before it heals, e.g. 10m; the heal must come before the end.")
    Duration partitionFor;

    @Option(names = "--partition-fraction", defaultValue = "0.5", paramLabel = "F",
            description = "Fraction of the live nodes cut off from the rest (default: ${DEFAULT-VALUE}).")
    double partitionFraction;

    @Option(names = "--sybil", defaultValue = "0", paramLabel = "M",
            description = "Attacker nodes with ids ground around some stored keys: they acknowledge stores, keep nothing "
                    + "and answer reads with 'not found' (simulator only; needs --keys) (default: ${DEFAULT-VALUE}).")
    int sybils;

    @Option(names = "--sybil-subnets", defaultValue = "1", paramLabel = "S",
            description = "Distinct /24 subnets the attackers' addresses come from (default: ${DEFAULT-VALUE}).")
    int sybilSubnets;

    @Option(names = "--sybil-defense", defaultValue = "none", converter = Converters.SybilDefenseName.class,
            paramLabel = "none|subnets|reach|both",
            description = "How honest replica sets reach past the nodes nearest a key: none, subnets (N distinct /24s), "
                    + "reach (every node within twice the expected distance of the N-th) or both (default: ${DEFAULT-VALUE}).")
    SybilDefense.Mode sybilDefense;

    @Option(names = "--no-byte-count", negatable = false,
            description = "Do not encode simulated datagrams to count bytes (faster; byte figures become 0).")
    boolean noByteCount;

    @Option(names = "--cost-model", defaultValue = "encoded", converter = Converters.CostModelName.class,
            paramLabel = "encoded|li|headers",
            description = "How a datagram's bytes are charged: encoded (our encoded payload, no IP/UDP headers), li "
                    + "(Li et al., INFOCOM 2005: 20 B per message + 4 B per node id carried; simulator only) or headers "
                    + "(the encoded payload + 28 B of IPv4 and UDP headers, as Bamboo counts; simulator only) "
                    + "(default: ${DEFAULT-VALUE}).")
    CostModel costModel;

    @Option(names = "--consistency-pairs", negatable = false,
            description = "Start a twin of every lookup (same key, same moment, another node) and report lookupConsistency, "
                    + "the fraction of pairs naming the same owner, as Bamboo measures it (the twins add traffic).")
    boolean consistencyPairs;

    @Option(names = "--key-census", converter = DurationConverter.class, paramLabel = "PERIOD",
            description = "Debugging lost keys: every PERIOD of simulated time read which live nodes hold each stored key, "
                    + "and print on stderr at the end how long keys went a replica short and each lost key's history "
                    + "(simulator only; needs --keys).")
    Duration keyCensus;

    @Option(names = "--out", paramLabel = "DIR", description = "Write summary.txt, summary.json, series.csv and charts (PNG, SVG) here.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the text summary.")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Standalone entry point (the {@code chordia} launcher registers this as a subcommand). */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** A command line for {@code sim} alone, with the same one-line error reporting as {@code chordia}. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new SimCommand()).setCommandName("chordia sim");
        cli.setParameterExceptionHandler(new OneLineUsageErrors());
        return cli;
    }

    private PartitionSpec partition() {
        if (partitionAt == null && partitionFor == null) {
            return PartitionSpec.NONE;
        }
        if (partitionFor == null || partitionFor.isZero()) {
            throw new IllegalArgumentException("--partition-at needs --partition-for (how long the partition lasts)");
        }
        return new PartitionSpec(partitionAt == null ? Duration.ZERO : partitionAt, partitionFor, partitionFraction);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ScenarioConfig config;
        ScenarioTuning tuning;
        try {
            config = new ScenarioConfig(protocol, lookupStyle, nodes, seed, duration, lookups, churnMedian, churnModel,
                    failFraction, keys, replicas, loss, latency, network, 60, partition(),
                    new SybilSpec(sybils, sybilSubnets, sybilDefense));
            if (stabilize.isZero()) {
                throw new IllegalArgumentException("--stabilize must be positive");
            }
            if (costModel != CostModel.ENCODED && network == NetworkKind.UDP) {
                throw new IllegalArgumentException("--cost-model " + costModel.optionName()
                        + " needs the simulator (over UDP bytes are the datagrams')");
            }
            tuning = ScenarioTuning.defaults().withCountBytes(!noByteCount).withChordMaintenance(stabilize)
                    .withCostModel(costModel).withConsistencyPairs(consistencyPairs).withChurnStart(churnStart)
                    .withKeyCensus(keyCensus);
            if (quota != null) {
                tuning = tuning.withRecordsPerSource(quota);
            }
            if (k != null) {
                if (protocol.overlay().keyDistance() != KeyDistance.XOR) {
                    throw new IllegalArgumentException("--k is Kademlia's bucket size: give it with --protocol kademlia or mainline");
                }
                tuning = tuning.withK(k);
            }
        } catch (IllegalArgumentException e) {
            err.println("chordia sim: " + e.getMessage());
            err.flush();
            return USAGE_ERROR;
        }
        Summary summary = new ScenarioRunner(config, tuning, err).run(ProgressBar.forConsole());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? SummaryJson.compact(summary) + "\n" : SummaryText.format(summary));
        stdout.flush();
        if (out != null) {
            try {
                RunFiles.write(out, summary);
                // On stderr, so that stdout stays the summary alone (one JSON object with --json).
                err.println("chordia sim: wrote summary.txt, summary.json, series.csv and charts to "
                        + out.toAbsolutePath().normalize());
                err.flush();
            } catch (IOException e) {
                err.println("chordia sim: cannot write to " + out + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        return 0;
    }
}
