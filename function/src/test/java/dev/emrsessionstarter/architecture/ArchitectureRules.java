package dev.emrsessionstarter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The function's layering as ArchUnit rules, for any root package (the function's, or a broken fixture's). */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    static List<ArchRule> all(String root) {
        return List.of(packagesFreeOfCycles(root), coreKnowsNoAws(root), dependenciesPointInward(root),
                adaptersStandAlone(root), entryPointsUseTheWiring(root));
    }

    /** No two packages need each other, at any depth. */
    static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("a package that needs another which needs it back is one job split in two");
    }

    /** The core speaks of requests, tokens and outcomes, never of an AWS or Lambda type. */
    static ArchRule coreKnowsNoAws(String root) {
        return noClasses().that().resideInAPackage(root + ".core..").should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "dev.emrsessionstarter.internal..")
                .because("AWS types belong to the adapters (services) and the entry points (Lambda events)");
    }

    /** The core depends on nothing outside it; adapters and entry points depend on it. */
    static ArchRule dependenciesPointInward(String root) {
        return noClasses().that().resideInAPackage(root + ".core..").should().dependOnClassesThat()
                .resideInAnyPackage(root + ".adapter..", root + ".entrypoint..", root + ".wiring..")
                .because("dependencies point inward, to the core");
    }

    /** An adapter implements the core's ports for one AWS service, on its own. */
    static ArchRule adaptersStandAlone(String root) {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .because("each adapter is one AWS service behind one port");
    }

    /** Entry points take their assembly from the wiring and never build adapters themselves. */
    static ArchRule entryPointsUseTheWiring(String root) {
        return noClasses().that().resideInAPackage(root + ".entrypoint..").should().dependOnClassesThat()
                .resideInAPackage(root + ".adapter..")
                .because("the wiring is the one place that knows which adapter serves which port");
    }
}
