package jp.sukedachi.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rules of DESIGN.md that code review alone would let slip. */
class ArchitectureTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("jp.sukedachi");

    @Test
    void theHotPathIsPlainJava() {
        noClasses().that().resideInAnyPackage("jp.sukedachi.event..", "jp.sukedachi.ingest..", "jp.sukedachi.intel..",
                        "jp.sukedachi.detect..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .because("the hot path is reused by both runtimes and stays framework-free")
                .allowEmptyShould(true)
                .check(ALL);
    }

    @Test
    void pipelineStagesNeverReachBackwards() {
        noClasses().that().resideInAnyPackage("jp.sukedachi.event..", "jp.sukedachi.ingest..", "jp.sukedachi.intel..",
                        "jp.sukedachi.detect..", "jp.sukedachi.pipeline..")
                .should().dependOnClassesThat().resideInAPackage("jp.sukedachi.app..")
                .allowEmptyShould(true)
                .check(ALL);
        noClasses().that().resideInAPackage("jp.sukedachi.event..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.sukedachi.ingest..", "jp.sukedachi.intel..",
                        "jp.sukedachi.detect..", "jp.sukedachi.pipeline..")
                .check(ALL);
    }

    @Test
    void sqlLivesOnlyInRepositoriesWhereTenantScopeIsApplied() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .should().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .because("tenant scoping happens in one place: the repository layer (DESIGN.md, Who uses it)")
                .check(ALL);
    }

    @Test
    void nothingDependsOnTheDemoOrTheWebShell() {
        noClasses().that().resideOutsideOfPackage("jp.sukedachi.app.demo..")
                .should().dependOnClassesThat().resideInAPackage("jp.sukedachi.app.demo..")
                .check(ALL);
        noClasses().that().resideInAnyPackage("jp.sukedachi.app.tenant..", "jp.sukedachi.app.audit..",
                        "jp.sukedachi.app.security..")
                .should().dependOnClassesThat().resideInAPackage("jp.sukedachi.app.web..")
                .check(ALL);
    }
}
