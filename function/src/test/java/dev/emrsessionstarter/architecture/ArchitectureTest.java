package dev.emrsessionstarter.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layout the README describes, held against the compiled classes: thin entry points, a core that knows no AWS
 * type, ports, one adapter per AWS service, and the wiring in one place; dependencies point inward and no two
 * packages need each other. Each rule is also run against a deliberately broken layout (in
 * {@code dev.emrsessionstarter.architecture.broken}), so a rule that could never fail would fail this test.
 */
class ArchitectureTest {

    private static final String FUNCTION = "dev.emrsessionstarter";

    private static final JavaClasses SHIPPED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(FUNCTION + ".core", FUNCTION + ".adapter", FUNCTION + ".entrypoint", FUNCTION + ".wiring");

    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(BrokenLayout.ROOT);

    @Test
    void the_function_keeps_every_rule() {
        for (ArchRule rule : ArchitectureRules.all(FUNCTION)) {
            rule.check(SHIPPED);
        }
    }

    @Test
    void the_function_has_each_layer() {
        assertThat(SHIPPED.stream().map(type -> type.getPackageName()).distinct()).contains(FUNCTION + ".core",
                FUNCTION + ".core.port", FUNCTION + ".adapter.emr", FUNCTION + ".adapter.eventbridge",
                FUNCTION + ".entrypoint", FUNCTION + ".wiring");
    }

    @Test
    void a_package_cycle_fails() {
        assertViolated(ArchitectureRules.packagesFreeOfCycles(BrokenLayout.ROOT), "Cycle detected");
    }

    @Test
    void an_aws_sdk_type_in_the_core_fails() {
        assertViolated(ArchitectureRules.coreKnowsNoAws(BrokenLayout.ROOT), "software.amazon.awssdk");
    }

    @Test
    void the_core_importing_an_adapter_fails() {
        assertViolated(ArchitectureRules.dependenciesPointInward(BrokenLayout.ROOT), ".adapter.");
    }

    @Test
    void an_adapter_using_another_adapter_fails() {
        assertViolated(ArchitectureRules.adaptersStandAlone(BrokenLayout.ROOT), ".adapter.");
    }

    @Test
    void an_entry_point_reaching_past_the_wiring_fails() {
        assertViolated(ArchitectureRules.entryPointsUseTheWiring(BrokenLayout.ROOT), ".adapter.");
    }

    private static void assertViolated(ArchRule rule, String mentioning) {
        EvaluationResult result = rule.evaluate(BROKEN);
        List<String> violations = result.getFailureReport().getDetails();
        assertThat(result.hasViolation()).as("rule %s on the broken layout", rule.getDescription()).isTrue();
        assertThat(violations).anySatisfy(line -> assertThat(line).contains(mentioning));
    }
}
