package jp.sukedachi.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import jp.sukedachi.app.modulesfixture.Fixture;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The boundary test: the app's capabilities (the direct sub-packages of {@code jp.sukedachi.app}) form no cycle,
 * use each other only through their API (root package types and named interfaces, never sub-packages) and only
 * the capabilities their {@code package-info} allows. How a new capability is added is written on
 * {@link SukedachiApplication}. The module documentation (C4 component diagrams and a canvas per capability) is
 * written to {@code app/target/spring-modulith-docs}.
 */
class ModulesTest {
    private static final ApplicationModules MODULES = ApplicationModules.of(SukedachiApplication.class);

    @Test
    void capabilitiesFormNoCycleAndUseEachOtherOnlyThroughTheirApi() {
        MODULES.verify();
    }

    @Test
    void theSharedKernelIsAModuleThatDependsOnNoCapability() {
        var shared = MODULES.getModuleByName("shared").orElseThrow();
        assertThat(MODULES.getSharedModules()).contains(shared);
        assertThat(shared.getDirectDependencies(MODULES).uniqueModules().toList()).isEmpty();
    }

    @Test
    void aCycleOrAReachIntoAnotherCapabilitysInternalsFailsTheVerification() {
        // The fixture lives among the tests, so it is imported with them (the app's own check leaves tests out).
        ApplicationModules fixture = ApplicationModules.of(Fixture.class.getPackageName(),
                new ImportOption.OnlyIncludeTests());
        assertThatThrownBy(fixture::verify)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("non-exposed type " + Fixture.class.getPackageName() + ".billing.internal.Ledger");
    }

    @Test
    void theModuleDocumentationIsWrittenWithADiagramPerCapability() {
        Path docs = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString())).writeDocumentation();
        assertThat(docs.resolve("components.puml")).isNotEmptyFile();
        MODULES.forEach(module -> assertThat(docs.resolve("module-" + module.getIdentifier() + ".puml"))
                .isNotEmptyFile());
    }
}
