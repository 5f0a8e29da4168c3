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
 * @param reactInterval     how often a node looks whether a replica neighbour departed from its view or fell
 *                          silent, and compares ranges at once if one did ({@link Duration#ZERO}: only the rounds)
 * @param repairBatch       records checked one by one per repair round, and range exchanges per neighbour: bounds repair traffic
 * @param tokenRotation     write tokens are valid for one to two of these
 * @param maxRecordsPerSource records one source address may have stored here
 * @param maxValueBytes     value bytes this node holds in all
 * @param rpc               timeouts of storage calls
 * @param sybilDefense      how far replica sets reach past the N nearest nodes
 */
public record StorageConfig(int replicas, int writeQuorum, int readQuorum, Duration defaultTtl, Duration republishInterval,
                            Duration repairInterval, Duration reactInterval, int repairBatch, Duration tokenRotation,
                            int maxRecordsPerSource,
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
        Checks.notNull(reactInterval, "reactInterval");
        Checks.check(!reactInterval.isNegative(), "reactInterval must not be negative, was %s", reactInterval);
        Checks.inRange(repairBatch, 1, 1_000_000, "repairBatch");
        Checks.positive(tokenRotation, "tokenRotation");
        Checks.inRange(maxRecordsPerSource, 1, Integer.MAX_VALUE, "maxRecordsPerSource");
        Checks.check(maxValueBytes > 0, "maxValueBytes must be positive");
        Checks.notNull(rpc, "rpc");
        Checks.notNull(sybilDefense, "sybilDefense");
    }

    /**
     * N=3, W=2, R=2 (W+R > N: a read meets the latest acknowledged write), 1 h TTL republished
     * every 20 min, replicas checked every 10 s and at once (within a second) when a replica
     * neighbour departs: a record is exposed to losing its last copies only while a lost replica is
     * not yet restored, so repair must be much faster than sessions end.
     */
    public static StorageConfig defaults() {
        return builder().build();
    }

    public StorageConfig withReplicas(int n, int w, int r) {
        return toBuilder().replicas(n).writeQuorum(w).readQuorum(r).build();
    }

    public StorageConfig withRepairInterval(Duration value) {
        return toBuilder().repairInterval(value).build();
    }

    public StorageConfig withReactInterval(Duration value) {
        return toBuilder().reactInterval(value).build();
    }

    public StorageConfig withQuotas(int recordsPerSource, long valueBytes) {
        return toBuilder().maxRecordsPerSource(recordsPerSource).maxValueBytes(valueBytes).build();
    }

    public StorageConfig withSybilDefense(SybilDefense value) {
        return toBuilder().sybilDefense(value).build();
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder().replicas(replicas).writeQuorum(writeQuorum).readQuorum(readQuorum)
                .defaultTtl(defaultTtl).republishInterval(republishInterval).repairInterval(repairInterval)
                .reactInterval(reactInterval).repairBatch(repairBatch).tokenRotation(tokenRotation)
                .maxRecordsPerSource(maxRecordsPerSource)
                .maxValueBytes(maxValueBytes).rpc(rpc).sybilDefense(sybilDefense);
    }

    /** Settings by name, starting from the defaults; {@link #build()} validates them in the canonical constructor. */
    public static final class Builder {
        private int replicas = 3;
        private int writeQuorum = 2;
        private int readQuorum = 2;
        private Duration defaultTtl = Duration.ofHours(1);
        private Duration republishInterval = Duration.ofMinutes(20);
        private Duration repairInterval = Duration.ofSeconds(10);
        private Duration reactInterval = Duration.ofSeconds(1);
        private int repairBatch = 256;
        private Duration tokenRotation = Duration.ofMinutes(5);
        private int maxRecordsPerSource = 10_000;
        private long maxValueBytes = 256L << 20;
        private RpcConfig rpc = RpcConfig.builder().timeout(Duration.ofMillis(500)).maxAttempts(2).build();
        private SybilDefense sybilDefense = SybilDefense.NONE;

        private Builder() {}

        public Builder replicas(int value) {
            this.replicas = value;
            return this;
        }

        public Builder writeQuorum(int value) {
            this.writeQuorum = value;
            return this;
        }

        public Builder readQuorum(int value) {
            this.readQuorum = value;
            return this;
        }

        public Builder defaultTtl(Duration value) {
            this.defaultTtl = value;
            return this;
        }

        public Builder republishInterval(Duration value) {
            this.republishInterval = value;
            return this;
        }

        public Builder repairInterval(Duration value) {
            this.repairInterval = value;
            return this;
        }

        public Builder reactInterval(Duration value) {
            this.reactInterval = value;
            return this;
        }

        public Builder repairBatch(int value) {
            this.repairBatch = value;
            return this;
        }

        public Builder tokenRotation(Duration value) {
            this.tokenRotation = value;
            return this;
        }

        public Builder maxRecordsPerSource(int value) {
            this.maxRecordsPerSource = value;
            return this;
        }

        public Builder maxValueBytes(long value) {
            this.maxValueBytes = value;
            return this;
        }

        public Builder rpc(RpcConfig value) {
            this.rpc = value;
            return this;
        }

        public Builder sybilDefense(SybilDefense value) {
            this.sybilDefense = value;
            return this;
        }

        public StorageConfig build() {
            return new StorageConfig(replicas, writeQuorum, readQuorum, defaultTtl, republishInterval, repairInterval,
                    reactInterval, repairBatch, tokenRotation, maxRecordsPerSource, maxValueBytes, rpc, sybilDefense);
        }
    }
}
