package jp.sukedachi.app.ingest;

import jp.sukedachi.app.security.ApiKeyService;
import jp.sukedachi.app.support.Receivers;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.pipeline.EventPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * The receiver tests' common ground: a real server (each subclass declares its {@code @SpringBootTest}
 * with a random port) on a fresh H2, and one company of its own to send to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReceiverServerTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestWorld world;
    @Autowired
    ApiKeyService apiKeys;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventPipeline pipeline;
    Receivers receivers;

    @BeforeAll
    void company() throws Exception {
        receivers = new Receivers(port, apiKeys.create(world.admin().actor(), getClass().getSimpleName()).secret(), json,
                pipeline);
    }
}
