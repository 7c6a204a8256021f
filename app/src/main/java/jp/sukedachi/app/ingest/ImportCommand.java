package jp.sukedachi.app.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import jp.sukedachi.app.config.ImportSettings;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.pipeline.EventPipeline;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./sukedachi import --tenant SLUG [--device NAME] [--format F] FILE...}: offline files into the
 * same path live data takes (parse, quarantine, durable journal). Gzip is recognised by its magic
 * bytes; JSON files may hold one document, an array or NDJSON. Prints one JSON line per file.
 */
@Component
@ConditionalOnProperty(name = "sukedachi.command", havingValue = "import")
class ImportCommand implements ApplicationRunner {
    /** Records handed to the pipeline per durable batch. */
    static final int CHUNK = 5_000;
    /** The import acts as the provider itself, not as a person. */
    static final Actor SYSTEM = new Actor(new UUID(0, 1), "system:import", Role.PROVIDER_ADMIN, null);
    private final TenantRepository tenants;
    private final DeviceDirectory devices;
    private final DeviceService deviceService;
    private final IngestService ingest;
    private final EventPipeline pipeline;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;
    private final String tenantSlug;
    private final String deviceName;
    private final String format;
    private final PrintStream out = System.out;
    /** Off in tests, which drive {@link #importFile} themselves. */
    private final boolean exitWhenDone;

    ImportCommand(TenantRepository tenants, DeviceDirectory devices, DeviceService deviceService,
            IngestService ingest, EventPipeline pipeline, ObjectMapper json, ConfigurableApplicationContext context,
            ImportSettings settings) {
        this.exitWhenDone = settings.exit();
        this.tenants = tenants;
        this.devices = devices;
        this.deviceService = deviceService;
        this.ingest = ingest;
        this.pipeline = pipeline;
        this.json = json;
        this.context = context;
        this.tenantSlug = settings.tenant();
        this.deviceName = settings.device();
        this.format = settings.format();
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!exitWhenDone) {
            return;
        }
        int status = 0;
        try {
            Tenant tenant = tenants.findBySlug(SYSTEM, tenantSlug)
                    .orElseThrow(() -> new IllegalArgumentException("no tenant with slug '" + tenantSlug + "'"));
            Device device = devices.devicesOf(SYSTEM, tenant.id()).stream()
                    .filter(d -> d.name().equalsIgnoreCase(deviceName)).findFirst()
                    .orElseGet(() -> deviceService.register(SYSTEM, tenant.id(),
                            new DeviceDraft(deviceName, "shipper", "auto", List.of())).device());
            for (String file : args.getNonOptionArgs()) {
                out.println(json.writeValueAsString(importFile(device, Path.of(file))));
            }
        } catch (RuntimeException e) {
            System.err.println("sukedachi import: " + e.getMessage());
            status = 2;
        }
        pipeline.close();
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    Map<String, Object> importFile(Device device, Path file) throws Exception {
        int events = 0;
        int quarantined = 0;
        String seen = null;
        try (InputStream in = open(file)) {
            Iterator<String> records = records(in);
            while (records.hasNext()) {
                List<String> chunk = new ArrayList<>(CHUNK);
                while (records.hasNext() && chunk.size() < CHUNK) {
                    chunk.add(records.next());
                }
                IngestService.Result r = ingest.ingest(device, chunk.iterator(), format);
                events += r.accepted();
                quarantined += r.quarantined();
                if (r.format() != null) {
                    seen = seen == null || seen.equals(r.format()) ? r.format() : "mixed";
                }
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file.toString());
        line.put("format", seen);
        line.put("events", events);
        line.put("quarantined", quarantined);
        return line;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in), 64 * 1024) : in;
    }

    /** Lines, or JSON documents when the content starts with '{' or '[' and is not one object per line. */
    Iterator<String> records(InputStream in) throws IOException {
        in.mark(1 << 20);
        byte[] head = in.readNBytes(1 << 16);
        in.reset();
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        boolean json = start.startsWith("[") || (start.startsWith("{") && !firstLineIsWholeObject(start));
        if (json) {
            return jsonDocuments(in);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
        return IngestController.lines(reader);
    }

    private boolean firstLineIsWholeObject(String start) {
        int newline = start.indexOf('\n');
        String first = newline < 0 ? start : start.substring(0, newline);
        try {
            return json.readTree(first).isObject();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Iterator<String> jsonDocuments(InputStream in) {
        JsonParser parser = json.createParser(in);
        return new Iterator<>() {
            private String next = advance();

            private String advance() {
                JsonToken t = parser.nextToken();
                while (t == JsonToken.START_ARRAY || t == JsonToken.END_ARRAY) {
                    t = parser.nextToken();
                }
                if (t == null) {
                    return null;
                }
                JsonNode node = json.readTree(parser);
                return json.writeValueAsString(node);
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                String current = next;
                next = advance();
                return current;
            }
        };
    }
}
