package io.chordia.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget.FieldAccessTarget;
import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.chordia.routing.OverlayNode;
import io.chordia.routing.Protocol;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One place knows the overlay protocols: {@code io.chordia.routing.overlay} (the factories) and
 * each protocol's own package. Anywhere else, telling Chord from Kademlia (an {@code instanceof}
 * on a node class, a {@code switch} on {@link Protocol}, or singling out one of its constants in
 * the composition roots) is the copy the factory replaced; adding a protocol would then miss it.
 * The Chord studies in {@code io.chordia.sim.experiments} name Chord on purpose and may.
 */
class OneOverlayFactoryArchTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chordia");
    private static final String[] PROTOCOL_HOMES = {
        "io.chordia.routing.overlay..", "io.chordia.routing.chord..", "io.chordia.routing.kademlia.."};
    private static final String[] COMPOSITION_ROOTS = {
        "io.chordia.app..", "io.chordia.bootstrap..", "io.chordia.sim.scenario..", "io.chordia.sim.world..",
        "io.chordia.sim.cli.."};

    static final ArchRule NO_INSTANCEOF_ON_NODES = noClasses().that().resideOutsideOfPackages(PROTOCOL_HOMES)
            .should(checkInstanceofOnOverlayNodes());
    static final ArchRule NO_SWITCH_ON_PROTOCOL = noClasses().that().resideOutsideOfPackages(PROTOCOL_HOMES)
            .should(switchOnProtocol());
    static final ArchRule ROOTS_SINGLE_OUT_NO_PROTOCOL = noClasses().that().resideInAnyPackage(COMPOSITION_ROOTS)
            .should(readAProtocolConstant());

    @Test
    void onlyTheProtocolsOwnPackagesTellNodesApartByClass() {
        NO_INSTANCEOF_ON_NODES.check(PRODUCTION);
    }

    @Test
    void onlyTheFactoriesSwitchOnTheProtocol() {
        NO_SWITCH_ON_PROTOCOL.check(PRODUCTION);
    }

    @Test
    void compositionRootsGoThroughTheFactoryNotAProtocolConstant() {
        ROOTS_SINGLE_OUT_NO_PROTOCOL.check(PRODUCTION);
    }

    @Test
    void eachRuleCatchesTheCopyItForbids() {
        JavaClasses copy = new ClassFileImporter().importPackages("io.chordia.app.arch.fixtures");

        assertThat(NO_INSTANCEOF_ON_NODES.evaluate(copy).hasViolation()).isTrue();
        assertThat(NO_SWITCH_ON_PROTOCOL.evaluate(copy).hasViolation()).isTrue();
        assertThat(ROOTS_SINGLE_OUT_NO_PROTOCOL.evaluate(copy).hasViolation()).isTrue();
    }

    private static ArchCondition<JavaClass> checkInstanceofOnOverlayNodes() {
        return new ArchCondition<>("check instanceof against an overlay node class") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaCodeUnit code : item.getCodeUnits()) {
                    for (InstanceofCheck check : code.getInstanceofChecks()) {
                        JavaClass type = check.getRawType();
                        if (isOverlayNodeClass(type)) {
                            events.add(SimpleConditionEvent.satisfied(item, code.getFullName() + " checks instanceof "
                                    + type.getName() + " " + check.getSourceCodeLocation()));
                        }
                    }
                }
            }
        };
    }

    /** By the loaded class: an import of a few classes alone does not know the node classes' supertypes. */
    private static boolean isOverlayNodeClass(JavaClass type) {
        if (!type.getName().startsWith("io.chordia.") || type.isEquivalentTo(OverlayNode.class)) {
            return false;
        }
        return OverlayNode.class.isAssignableFrom(type.reflect());
    }

    /** javac compiles a switch on an enum into a lookup by {@code ordinal()}; nothing else here needs the ordinal. */
    private static ArchCondition<JavaClass> switchOnProtocol() {
        return new ArchCondition<>("switch on Protocol") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaMethodCall call : item.getMethodCallsFromSelf()) {
                    if (call.getTargetOwner().isEquivalentTo(Protocol.class) && call.getName().equals("ordinal")) {
                        events.add(SimpleConditionEvent.satisfied(item, call.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> readAProtocolConstant() {
        return new ArchCondition<>("read a Protocol constant other than DEFAULT") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaFieldAccess access : item.getFieldAccessesFromSelf()) {
                    FieldAccessTarget target = access.getTarget();
                    boolean constant = Arrays.stream(Protocol.values()).anyMatch(p -> p.name().equals(target.getName()));
                    if (target.getOwner().isEquivalentTo(Protocol.class) && constant) {
                        events.add(SimpleConditionEvent.satisfied(item, access.getDescription()));
                    }
                }
            }
        };
    }
}
