package jp.sukedachi.app.intel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import jp.sukedachi.app.config.ImportSettings;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.pipeline.EventPipeline;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./sukedachi intel import --source NAME [--format F] FILE...}: a feed file into the indicator
 * store (gzip ok); prints {@code {"file":…,"imported":N,"rejected":M,"errors":[…]}} per file. The
 * server picks the indicators up at its next start or import.
 */
@Component
@ConditionalOnProperty(name = "sukedachi.command", havingValue = "intel-import")
class IntelImportCommand implements ApplicationRunner {
    static final Actor SYSTEM = new Actor(new UUID(0, 2), "system:intel-import", Role.PROVIDER_ADMIN, null);
    private final IntelService intel;
    private final EventPipeline pipeline;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;
    private final String source;
    private final String format;

    public IntelImportCommand(IntelService intel, EventPipeline pipeline, ObjectMapper json,
            ConfigurableApplicationContext context, ImportSettings settings) {
        this.intel = intel;
        this.pipeline = pipeline;
        this.json = json;
        this.context = context;
        this.source = settings.source();
        this.format = settings.format();
    }

    @Override
    public void run(ApplicationArguments args) {
        int status = 0;
        try {
            for (String file : args.getNonOptionArgs()) {
                try (InputStream in = open(Path.of(file))) {
                    var result = intel.importFeed(SYSTEM, source, format, in, StandardCharsets.UTF_8, null);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("file", file);
                    line.putAll(IntelApiController.result(result));
                    System.out.println(json.writeValueAsString(line));
                }
            }
        } catch (Exception e) {
            System.err.println("sukedachi intel import: " + e.getMessage());
            status = 2;
        }
        pipeline.close();
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
    }
}
