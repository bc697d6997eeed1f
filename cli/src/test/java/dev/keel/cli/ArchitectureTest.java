package dev.keel.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of docs/DESIGN.md, kept by a test: diagnose ← sweep ← report ← cli. */
class ArchitectureTest {
    private static JavaClasses keel;

    @BeforeAll
    static void importKeel() {
        keel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keel");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.keel.(**)").should().beFreeOfCycles().check(keel);
    }

    @Test
    void modulesDependOnlyDownward() {
        noClasses().that().resideInAPackage("dev.keel.diagnose..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.keel.sweep..", "dev.keel.report..", "dev.keel.cli..")
                .check(keel);
        noClasses().that().resideInAPackage("dev.keel.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.keel.report..", "dev.keel.cli..")
                .check(keel);
        noClasses().that().resideInAPackage("dev.keel.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.keel.cli..")
                .allowEmptyShould(true)
                .check(keel);
    }

    @Test
    void reportAndDiagnoseNeverTouchDl4jOrNd4j() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.keel.report..", "dev.keel.diagnose..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..");
        rule.check(keel);
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("dev.keel.cli..")
                .should(ACCESS_STANDARD_STREAMS)
                .check(keel);
    }
}
