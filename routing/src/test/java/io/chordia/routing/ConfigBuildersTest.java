package io.chordia.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.core.rpc.RpcConfig;
import io.chordia.routing.chord.ChordConfig;
import io.chordia.routing.chord.MaintenanceSchedule;
import io.chordia.routing.kademlia.KademliaConfig;
import io.chordia.routing.kademlia.KademliaExtra;
import io.chordia.routing.replication.StorageConfig;
import io.chordia.routing.replication.SybilDefense;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The builders start from the defaults the positional constructors used to spell out (but for
 * lookup requests: one send, heard for 2 s, since issue 15; and Kademlia's opt-in
 * WIDE_CONFIRMATION, left out of the default extras), and validate in one place.
 */
class ConfigBuildersTest {
    @Test
    void theDefaultsAreTheFiguresTheyAlwaysWere() {
        RpcConfig rpc = RpcConfig.defaults();
        assertThat(ChordConfig.defaults()).isEqualTo(new ChordConfig(16, 8, Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofSeconds(2), rpc.withTimeout(Duration.ofMillis(500)).withMaxAttempts(3).withBackoffFactor(1.0),
                rpc.withTimeout(Duration.ofSeconds(2)).withMaxAttempts(1), LookupStyle.ITERATIVE, Duration.ofSeconds(5),
                3, 3, SuspectConfig.defaults(), false, MaintenanceSchedule.FIXED_RATE, true, true, true, true, true));
        assertThat(KademliaConfig.defaults()).isEqualTo(new KademliaConfig(20, 3, 1, 1, 20, 2, 3, Duration.ofMinutes(5),
                40, 256, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(10), rpc, Duration.ofSeconds(2), 1,
                Duration.ofMillis(300), 2, 3, Duration.ofSeconds(5), 3, false, SuspectConfig.defaults(),
                EnumSet.complementOf(EnumSet.of(KademliaExtra.WIDE_CONFIRMATION))));
        assertThat(StorageConfig.defaults()).isEqualTo(new StorageConfig(3, 2, 2, Duration.ofHours(1),
                Duration.ofMinutes(20), Duration.ofSeconds(10), Duration.ofSeconds(1), 256, Duration.ofMinutes(5), 10_000, 256L << 20,
                rpc.withTimeout(Duration.ofMillis(500)).withMaxAttempts(2), SybilDefense.NONE));
    }

    @Test
    void toBuilderKeepsEveryFieldAndChangesOnlyWhatIsNamed() {
        ChordConfig chord = ChordConfig.builder().stabilizeInterval(Duration.ofSeconds(5)).failuresBeforeEviction(5).build();
        KademliaConfig kademlia = KademliaConfig.builder().k(8).disjointPaths(4).leafSetShortcut(true).build();
        StorageConfig storage = StorageConfig.builder().replicas(5).writeQuorum(3).readQuorum(3).build();

        assertThat(chord.toBuilder().build()).isEqualTo(chord);
        assertThat(kademlia.toBuilder().build()).isEqualTo(kademlia);
        assertThat(storage.toBuilder().build()).isEqualTo(storage);
        assertThat(chord.toBuilder().stabilizeInterval(Duration.ofSeconds(1)).failuresBeforeEviction(3).build())
                .isEqualTo(ChordConfig.defaults());
        assertThat(kademlia).isEqualTo(KademliaConfig.defaults().withK(8).withDisjointPaths(4).withLeafSetShortcut(true));
        assertThat(storage).isEqualTo(StorageConfig.defaults().withReplicas(5, 3, 3));
    }

    @Test
    void buildRejectsWhatTheConstructorRejects() {
        assertThatThrownBy(() -> ChordConfig.builder().successorListLength(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("successorListLength");
        assertThatThrownBy(() -> KademliaConfig.builder().k(2).disjointPaths(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disjointPaths");
        assertThatThrownBy(() -> StorageConfig.builder().replicas(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeQuorum");
    }
}
