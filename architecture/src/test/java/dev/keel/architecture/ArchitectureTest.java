package dev.keel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of docs/DESIGN.md, kept by a test: diagnose ← sweep ← report ← cli, with spark and the listener beside
 * report on sweep. This module holds only this test and depends on every other (spark's jar without Spark), so that
 * one rule covers every module and no module's build needs another it does not use.
 */
class ArchitectureTest {
    private static JavaClasses keel;

    @BeforeAll
    static void importKeel() {
        keel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keel");
    }

    @Test
    void everyModuleIsImported() {
        for (String module : new String[] {"diagnose", "sweep", "report", "cli", "spark", "listener"}) {
            assertThat(keel.stream().anyMatch(c -> c.getPackageName().startsWith("dev.keel." + module)))
                    .as("classes of dev.keel.%s on the test class path", module).isTrue();
        }
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.keel.(**)").should().beFreeOfCycles().check(keel);
    }

    @Test
    void modulesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("diagnose").definedBy("dev.keel.diagnose..")
                .layer("sweep").definedBy("dev.keel.sweep..")
                .layer("report").definedBy("dev.keel.report..")
                .layer("cli").definedBy("dev.keel.cli..")
                .layer("spark").definedBy("dev.keel.spark..")
                .layer("listener").definedBy("dev.keel.listener..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("spark").mayNotBeAccessedByAnyLayer()
                .whereLayer("listener").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("sweep").mayOnlyBeAccessedByLayers("report", "cli", "spark", "listener")
                .whereLayer("diagnose").mayOnlyBeAccessedByLayers("sweep", "report", "cli", "spark", "listener")
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
