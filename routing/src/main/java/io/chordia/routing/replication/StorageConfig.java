package io.chordia.routing.replication;

import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.util.Checks;
import java.time.Duration;

/**
 * The data plane's parameters: N/R/W quorums, timers and quotas.
 *
 * @param replicas          N: nodes that hold each record
 * @param writeQuorum       W: acknowledgements a put needs
 * @param readQuorum        R: answers a get needs
 * @param defaultTtl        records expire this long after their last store
 * @param republishInterval how often an origin stores its records again (before they expire)
 * @param repairInterval    how often a node checks the replicas of the records it holds
 * @param repairBatch       records checked per repair round: bounds repair traffic
 * @param tokenRotation     write tokens are valid for one to two of these
 * @param maxRecordsPerSource records one source address may have stored here
 * @param maxValueBytes     value bytes this node holds in all
 * @param rpc               timeouts of storage calls
 * @param sybilDefense      how far replica sets reach past the N nearest nodes
 */
public record StorageConfig(int replicas, int writeQuorum, int readQuorum, Duration defaultTtl, Duration republishInterval,
                            Duration repairInterval, int repairBatch, Duration tokenRotation, int maxRecordsPerSource,
                            long maxValueBytes, RpcConfig rpc, SybilDefense sybilDefense) {
    public StorageConfig {
        Checks.inRange(replicas, 1, 16, "replicas");
        Checks.inRange(writeQuorum, 1, replicas, "writeQuorum");
        Checks.inRange(readQuorum, 1, replicas, "readQuorum");
        Checks.positive(defaultTtl, "defaultTtl");
        Checks.positive(republishInterval, "republishInterval");
        Checks.check(republishInterval.compareTo(defaultTtl) < 0, "republish (%s) must come before expiry (%s)",
                republishInterval, defaultTtl);
        Checks.positive(repairInterval, "repairInterval");
        Checks.inRange(repairBatch, 1, 1_000_000, "repairBatch");
        Checks.positive(tokenRotation, "tokenRotation");
        Checks.inRange(maxRecordsPerSource, 1, Integer.MAX_VALUE, "maxRecordsPerSource");
        Checks.check(maxValueBytes > 0, "maxValueBytes must be positive");
        Checks.notNull(rpc, "rpc");
        Checks.notNull(sybilDefense, "sybilDefense");
    }

    /**
     * N=3, W=2, R=2 (W+R > N: a read meets the latest acknowledged write), 1 h TTL republished
     * every 20 min, replicas checked every 10 s: a record is exposed to losing its last copies only
     * while a lost replica is not yet restored, so repair must be much faster than sessions end.
     */
    public static StorageConfig defaults() {
        return new StorageConfig(3, 2, 2, Duration.ofHours(1), Duration.ofMinutes(20), Duration.ofSeconds(10), 256,
                Duration.ofMinutes(5), 10_000, 256L << 20,
                RpcConfig.defaults().withTimeout(Duration.ofMillis(500)).withMaxAttempts(2), SybilDefense.NONE);
    }

    public StorageConfig withReplicas(int n, int w, int r) {
        return new StorageConfig(n, w, r, defaultTtl, republishInterval, repairInterval, repairBatch, tokenRotation,
                maxRecordsPerSource, maxValueBytes, rpc, sybilDefense);
    }

    public StorageConfig withRepairInterval(Duration value) {
        return new StorageConfig(replicas, writeQuorum, readQuorum, defaultTtl, republishInterval, value, repairBatch,
                tokenRotation, maxRecordsPerSource, maxValueBytes, rpc, sybilDefense);
    }

    public StorageConfig withQuotas(int recordsPerSource, long valueBytes) {
        return new StorageConfig(replicas, writeQuorum, readQuorum, defaultTtl, republishInterval, repairInterval,
                repairBatch, tokenRotation, recordsPerSource, valueBytes, rpc, sybilDefense);
    }

    public StorageConfig withSybilDefense(SybilDefense value) {
        return new StorageConfig(replicas, writeQuorum, readQuorum, defaultTtl, republishInterval, repairInterval,
                repairBatch, tokenRotation, maxRecordsPerSource, maxValueBytes, rpc, value);
    }
}
