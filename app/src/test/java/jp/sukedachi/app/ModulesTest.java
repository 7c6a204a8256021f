package jp.sukedachi.app;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModulesTest {
    private static final ApplicationModules MODULES = ApplicationModules.of(SukedachiApplication.class);

    @Test
    void capabilitiesFormNoCycleAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void theModuleDocumentationIsWritten() {
        new Documenter(MODULES).writeDocumentation();
    }
}
