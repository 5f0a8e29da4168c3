package io.chordia.app.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The app's packages depend on each other one way: the command line on the daemon and its control
 * channel, the daemon on the control channel, never back. They did not while the user-error type
 * lived in {@code cli}: {@code node} and {@code control} threw it, and {@code cli} calls both.
 */
class PackageCyclesArchTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chordia.app");

    @Test
    void theAppsPackagesAreFreeOfCycles() {
        slices().matching("io.chordia.app.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void theRuleReportsACycle() {
        JavaClasses cycle = new ClassFileImporter().importPackages("io.chordia.app.arch.cycle");
        assertThatThrownBy(() -> slices().matching("io.chordia.app.arch.cycle.(*)..").should().beFreeOfCycles().check(cycle))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }
}
