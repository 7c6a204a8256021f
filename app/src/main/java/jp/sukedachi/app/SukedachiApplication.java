package jp.sukedachi.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Sukedachi server. Packages are business capabilities: {@code tenant} (companies, users,
 * invitations), {@code security} (login, TOTP, API keys), {@code audit}, {@code web} (shell and
 * homes), {@code demo} (demo world), {@code config} (data folder, database).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class SukedachiApplication {
    public static void main(String[] args) {
        SpringApplication.run(SukedachiApplication.class, args);
    }
}
