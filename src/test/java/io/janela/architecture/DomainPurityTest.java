package io.janela.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.janela.architecture.violations.DrawsRandomness;
import io.janela.architecture.violations.ReadsTheSystemClock;
import io.janela.architecture.violations.TakesTheConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The domain is plain Java, checked on compiled classes (ArchUnit), so a fully qualified name or a
 * call hidden in a lambda counts as much as an import: it depends on {@code java..} and itself
 * only, and never reads the system clock or draws randomness (time and ids are handed to it). Each
 * rule is shown failing on a class that breaks it.
 */
class DomainPurityTest {

    private static final String DOMAIN = "io.janela.domain..";
    private static final String VIOLATIONS = "io.janela.architecture.violations..";

    private static final JavaClasses MAIN_DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.janela.domain");

    /** Classes in {@code layer} use Java and their own layer only. */
    static ArchRule onlyJavaAndItself(String layer) {
        return classes().that().resideInAPackage(layer)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", layer)
                .because("the domain is plain Java: no framework, AWS, JSON library or settings tree");
    }

    /** Classes in {@code layer} take {@code now} and randomness from their callers. */
    static ArchRule neitherClockNorRandomness(String layer) {
        return noClasses().that().resideInAPackage(layer)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().belongToAnyOf(Random.class, SecureRandom.class, ThreadLocalRandom.class,
                        SplittableRandom.class)
                .because("rules take now from an injected Clock and ids from their callers, so tests fix both");
    }

    @Test
    void theDomainDependsOnJavaAndItselfOnly() {
        assertTrue(MAIN_DOMAIN.size() >= 30, "the domain's classes were not found: " + MAIN_DOMAIN.size());
        onlyJavaAndItself(DOMAIN).check(MAIN_DOMAIN);
    }

    @Test
    void theDomainNeverReadsTheClockOrDrawsRandomness() {
        neitherClockNorRandomness(DOMAIN).check(MAIN_DOMAIN);
    }

    @Test
    void aSettingsTreeNamedWithoutAnImportBreaksTheFirstRule() {
        EvaluationResult result = onlyJavaAndItself(VIOLATIONS).evaluate(new ClassFileImporter().importClasses(TakesTheConfig.class));

        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("io.janela.config.JanelaConfig"), result.getFailureReport().toString());
    }

    @Test
    void aReadOfTheSystemClockBreaksTheSecondRule() {
        EvaluationResult result = neitherClockNorRandomness(VIOLATIONS)
                .evaluate(new ClassFileImporter().importClasses(ReadsTheSystemClock.class));

        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("Instant.now()"), result.getFailureReport().toString());
    }

    @Test
    void randomnessDrawnInPlaceBreaksTheSecondRule() {
        EvaluationResult result = neitherClockNorRandomness(VIOLATIONS)
                .evaluate(new ClassFileImporter().importClasses(DrawsRandomness.class));

        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("ThreadLocalRandom"), result.getFailureReport().toString());
    }

    @Test
    void theCleanClassesOfTheFixturesPassBothRules() {
        JavaClasses javaOnly = new ClassFileImporter().importClasses(ReadsTheSystemClock.class, DrawsRandomness.class);

        assertTrue(!onlyJavaAndItself(VIOLATIONS).evaluate(javaOnly).hasViolation(),
                "a class that only uses Java passes the first rule, whatever it does with the clock");
    }
}
