package jp.sukedachi.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import jp.sukedachi.app.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Japanese by default; English when the browser asks for it first, or by the switch, remembered in a cookie. */
@SpringBootTest
@AutoConfigureMockMvc
class LocaleTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    MockMvc mvc;

    private String loginPage(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    @Test
    void japaneseWithoutAnyPreference() throws Exception {
        assertThat(loginPage(get("/login"))).contains("lang=\"ja\"").contains("助太刀にログイン");
    }

    @Test
    void englishWhenTheBrowserPrefersEnglish() throws Exception {
        assertThat(loginPage(get("/login").header("Accept-Language", "en-US,en;q=0.9,ja;q=0.5")))
                .contains("lang=\"en\"").contains("Log in to Sukedachi");
        // A browser preferring French gets Japanese, not a half-translated page.
        assertThat(loginPage(get("/login").header("Accept-Language", "fr-FR,fr"))).contains("助太刀にログイン");
        assertThat(loginPage(get("/login").header("Accept-Language", "ja,en;q=0.8"))).contains("助太刀にログイン");
    }

    @Test
    void theSwitchWinsOverTheBrowserAndIsRemembered() throws Exception {
        var switched = mvc.perform(get("/login").param("lang", "en").header("Accept-Language", "ja")).andReturn().getResponse();
        assertThat(switched.getContentAsString()).contains("Log in to Sukedachi").contains("?lang=ja");
        Cookie cookie = switched.getCookie("sukedachi-lang");
        assertThat(cookie).isNotNull();
        assertThat(loginPage(get("/login").cookie(cookie).header("Accept-Language", "ja"))).contains("Log in to Sukedachi");
        // Unknown languages are ignored.
        assertThat(loginPage(get("/login").param("lang", "xx"))).contains("助太刀にログイン");
    }
}
