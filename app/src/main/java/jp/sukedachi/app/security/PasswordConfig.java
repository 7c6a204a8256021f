package jp.sukedachi.app.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password encoder, also for runs without a web server (the import command provisions nothing but needs it wired). */
@Configuration
class PasswordConfig {
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordHashing.encoder();
    }
}
