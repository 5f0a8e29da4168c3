package io.chordia.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.chordia.app.node.PeerDaemon;
import io.chordia.bootstrap.BootstrapNode;
import io.chordia.core.random.RandomStreams;
import io.chordia.core.random.UnguessableRandom;
import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Nodes on the network draw transaction ids, token secrets and keys from a CSPRNG, through one
 * place: the daemon's and the bootstrap node's composition roots call {@link UnguessableRandom},
 * nothing else constructs a SecureRandom, and no node-side class builds a seeded generator
 * (simulations do, through {@link RandomStreams}; the flood load tool and sample files may).
 */
class UnguessableRandomnessArchTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chordia");

    @Test
    void theCompositionRootsDrawFromUnguessableRandom() {
        ArchRule roots = classes().that().belongToAnyOf(PeerDaemon.class, BootstrapNode.class)
                .should().callMethod(UnguessableRandom.class, "create");

        roots.check(PRODUCTION);
    }

    @Test
    void nothingElseConstructsASecureRandom() {
        noClasses().that().doNotBelongToAnyOf(UnguessableRandom.class)
                .should().callConstructor(SecureRandom.class)
                .check(PRODUCTION);
    }

    @Test
    void nodeSideClassesBuildNoSeededGenerator() {
        noClasses().that().resideInAnyPackage("io.chordia.app.node..", "io.chordia.bootstrap..", "io.chordia.app.cli..")
                .and().doNotHaveSimpleName("FloodLoad")
                .should().dependOnClassesThat().belongToAnyOf(RandomStreams.class, SplittableRandom.class, Random.class)
                .check(PRODUCTION);
    }

    @Test
    void theSourceIsACsprng() {
        assertThat(UnguessableRandom.create()).isInstanceOf(SecureRandom.class).isNotSameAs(UnguessableRandom.create());
        assertThat(UnguessableRandom.bytes(32)).hasSize(32).isNotEqualTo(UnguessableRandom.bytes(32));
    }
}
