package io.janela.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.janela.architecture.violations.CallsTheAwsSdk;
import io.janela.architecture.violations.ReachesAnAdapter;
import io.janela.architecture.violations.TakesTheConfig;
import io.janela.architecture.violations.cycle.first.First;
import io.janela.architecture.violations.cycle.second.Second;
import org.junit.jupiter.api.Test;

/**
 * The layers around the domain, on compiled classes: the application (the use cases and their
 * ports) depends on no adapter, function, configuration class or AWS SDK; the functions reach the
 * adapters only through the application's ports; the use cases do not depend on each other in a
 * circle. Each rule is shown failing on a class that breaks it.
 */
class LayersTest {

    private static final String VIOLATIONS = "io.janela.architecture.violations..";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.janela");

    /** Classes in {@code layer} see the application's ports, never what implements them or how it is set up. */
    static ArchRule portsOnly(String layer) {
        return noClasses().that().resideInAPackage(layer)
                .should().dependOnClassesThat().resideInAnyPackage("io.janela.adapters..", "io.janela.functions..",
                        "io.janela.config..", "io.janela.snapstart..", "software.amazon..")
                .because("the use cases name what they need as ports; adapters, functions and settings plug in from outside");
    }

    /** Classes in {@code layer} call use cases, which reach storage and Meta for them. */
    static ArchRule adaptersThroughTheApplication(String layer) {
        return noClasses().that().resideInAPackage(layer)
                .should().dependOnClassesThat().resideInAnyPackage("io.janela.adapters..", "software.amazon..")
                .because("a function routes a request to a use case; storage and Meta are the use case's ports");
    }

    /** The sub-packages of {@code root} (one per use case) never depend on each other in a circle. */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void theApplicationDependsOnNoAdapterFunctionConfigurationOrAwsSdk() {
        assertTrue(MAIN.stream().filter(type -> type.getPackageName().startsWith("io.janela.application")).count() >= 50);
        portsOnly("io.janela.application..").check(MAIN);
    }

    @Test
    void theFunctionsReachAdaptersOnlyThroughTheApplication() {
        assertTrue(MAIN.stream().filter(type -> type.getPackageName().startsWith("io.janela.functions")).count() >= 20);
        adaptersThroughTheApplication("io.janela.functions..").check(MAIN);
    }

    @Test
    void theUseCasesDependOnEachOtherWithoutCycles() {
        noCycles("io.janela.application").check(MAIN);
    }

    @Test
    void anAdapterTheSettingsOrTheAwsSdkInAUseCaseBreakTheApplicationRule() {
        for (Class<?> violation : new Class<?>[] {ReachesAnAdapter.class, TakesTheConfig.class, CallsTheAwsSdk.class}) {
            EvaluationResult result = portsOnly(VIOLATIONS).evaluate(new ClassFileImporter().importClasses(violation));

            assertTrue(result.hasViolation(), violation.getSimpleName());
        }
        assertTrue(portsOnly(VIOLATIONS).evaluate(new ClassFileImporter().importClasses(CallsTheAwsSdk.class))
                .getFailureReport().toString().contains("software.amazon.awssdk.services.dynamodb.DynamoDbClient"));
    }

    @Test
    void aFunctionReachingAnAdapterBreaksTheFunctionRule() {
        EvaluationResult result = adaptersThroughTheApplication(VIOLATIONS)
                .evaluate(new ClassFileImporter().importClasses(ReachesAnAdapter.class));

        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("io.janela.adapters.dynamodb.DynamoContactStore"),
                result.getFailureReport().toString());
        assertFalse(adaptersThroughTheApplication(VIOLATIONS)
                .evaluate(new ClassFileImporter().importClasses(TakesTheConfig.class)).hasViolation(),
                "a function may read the settings: the rule is about adapters");
    }

    @Test
    void twoUseCasesReachingIntoEachOtherBreakTheCycleRule() {
        EvaluationResult result = noCycles("io.janela.architecture.violations.cycle")
                .evaluate(new ClassFileImporter().importClasses(First.class, Second.class));

        assertTrue(result.hasViolation());
        assertFalse(noCycles("io.janela.architecture.violations.cycle")
                .evaluate(new ClassFileImporter().importClasses(First.class)).hasViolation());
    }
}
