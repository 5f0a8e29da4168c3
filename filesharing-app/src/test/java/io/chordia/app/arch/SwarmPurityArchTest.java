package io.chordia.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.chordia.app.arch.impure.ClockReadingPicker;
import org.junit.jupiter.api.Test;

/**
 * The swarm logic and its stream links are protocol code: no Netty, no system clock, no threads
 * of their own, so a fetch runs the same in virtual time (docs/protocols/filesharing.md). The
 * build's forbiddenapis execution {@code swarm-logic-stays-pure} checks the full protocol list;
 * this is the same boundary as a test, with a fixture that shows it fires.
 */
class SwarmPurityArchTest {
    private static ArchRule pure(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom");
    }

    @Test
    void theSwarmAndItsStreamLinksTouchNoNettyClockOrThreads() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chordia.app.share");
        assertThat(production.stream().filter(c -> c.getPackageName().equals("io.chordia.app.share.swarm"))).isNotEmpty();
        assertThat(production.stream().filter(c -> c.getPackageName().equals("io.chordia.app.share.bittorrent"))).isNotEmpty();
        pure("io.chordia.app.share.swarm..", "io.chordia.app.share.streams..", "io.chordia.app.share.bittorrent..")
                .check(production);
    }

    @Test
    void theRuleFlagsAClassThatReadsTheClockOrTouchesNetty() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ClockReadingPicker.class);
        assertThatThrownBy(() -> pure("io.chordia.app.arch.impure..").check(fixture))
                .hasMessageContaining("System.nanoTime()")
                .hasMessageContaining("io.netty.buffer.Unpooled");
    }
}
