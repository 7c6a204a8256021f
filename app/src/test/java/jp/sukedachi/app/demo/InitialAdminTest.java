package jp.sukedachi.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** `./sukedachi serve` on an empty database: one admin, password in an owner-only file, TOTP set up at first login. */
@SpringBootTest
@AutoConfigureMockMvc
class InitialAdminTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    SukedachiProperties properties;

    @Test
    void firstStartCreatesOneAdminWhoMustEnrolTotp() throws Exception {
        Path file = properties.dataDir().resolve(StartupAnnouncer.INITIAL_ADMIN_FILE);
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Matcher m = Pattern.compile("password: (\\S+)").matcher(Files.readString(file));
        assertThat(m.find()).isTrue();
        var result = mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", m.group(1))).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login/totp/enrol");
    }
}
