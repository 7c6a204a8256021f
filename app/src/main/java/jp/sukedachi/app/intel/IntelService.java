package jp.sukedachi.app.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.ChangeVersions;
import jp.sukedachi.app.config.JobLocks;
import jp.sukedachi.app.config.LimitedInputStream;
import jp.sukedachi.app.config.RequestBodies;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.intel.Indicator;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.intel.Normalize;
import jp.sukedachi.intel.feed.FeedFormat;
import jp.sukedachi.intel.feed.FeedImporter;
import jp.sukedachi.intel.feed.ImportContext;
import jp.sukedachi.intel.feed.ImportResult;
import jp.sukedachi.intel.match.IndicatorSnapshot;
import jp.sukedachi.intel.match.IntelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threat intelligence in the application: imports (by hand, API, CLI, scheduled feeds) go to the
 * database; the matcher works on an in-memory snapshot rebuilt from it and swapped in whole, so
 * updates never pause the pipeline.
 */
@Service
public class IntelService implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IntelService.class);
    /** Indicators written per database batch while a feed streams in. */
    static final int BATCH = 2_000;
    /** Longest line of a line format (CSV, list); real feed lines are a few hundred characters. */
    public static final int MAX_LINE_CHARS = 64 * 1024;
    public static final String SHARED_SOURCE = "shared";
    private final IndicatorRepository indicators;
    private final TenantRepository tenants;
    private final IntelSourceRepository sources;
    private final IntelStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final HttpClient http;
    private final long maxFeedBytes;
    private final ChangeVersions changes;
    private final JobLocks jobs;
    static final String FEED_JOB = "intel-feeds";

    public IntelService(IndicatorRepository indicators, IntelSourceRepository sources, IntelStore store, AuditLog audit,
            Clock clock, TenantRepository tenants, IntelSettings settings, ChangeVersions changes, JobLocks jobs) {
        this.changes = changes;
        this.jobs = jobs;
        // Every process matches with its own snapshot: a change made by another one rebuilds this one's too.
        changes.register(ChangeVersions.INTEL, this::rebuild);
        this.indicators = indicators;
        this.tenants = tenants;
        this.sources = sources;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.maxFeedBytes = settings.maxFeedBytes();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Staff that work with intel: admins and analysts (API keys act as admins). */
    static void requireIntelStaff(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("threat intelligence is for the provider's admins and analysts");
        }
    }

    private volatile boolean started;

    /**
     * Loads the indicators before the pipeline starts (lower phase than PipelineStages): events the
     * journal replays at start-up must meet the same indicators as live ones.
     */
    @Override
    public void start() {
        rebuild();
        started = true;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return -100;
    }

    /** Rebuilds the matcher's snapshot from the database and swaps it in. */
    public synchronized int rebuild() {
        Instant now = clock.instant();
        List<Indicator> active = new ArrayList<>();
        indicators.forEachActive(now, active::add);
        store.swap(IndicatorSnapshot.of(active, indicators.allowlistIndicators()));
        log.info("intel snapshot: {} active indicators", active.size());
        return active.size();
    }

    /**
     * Imports one feed body (already decompressed) under a source name (created on first use). The body
     * is first copied to a temporary file and checked whole (size after decompression, charset, line
     * length of line formats, an intact compressed stream): a refused feed imports nothing. A bad line
     * is then reported with its line number and skipped; the import never aborts on content.
     */
    public ImportResult importFeed(Actor actor, String sourceName, String format, InputStream body, Charset charset,
            UUID tenant) {
        requireIntelStaff(actor);
        String name = cleanName(sourceName);
        FeedFormat wanted = format == null || format.isBlank() ? null : format(format);
        Path spool = spool(body, charset);
        try (BufferedReader reader = RequestBodies.strictReader(Files.newInputStream(spool), charset)) {
            long longLine = checkLines(spool, charset);
            FeedFormat feedFormat = wanted == null ? detect(reader) : wanted;
            refuseLongLine(feedFormat, longLine);
            return importFeed(actor, name, feedFormat, reader, tenant);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                log.warn("could not delete the feed copy {}: {}", spool, e.toString());
            }
        }
    }

    /** Imports text the application made itself (demo, tests): no spool, since it cannot be truncated or too long. */
    public ImportResult importFeed(Actor actor, String sourceName, String format, Reader content, UUID tenant) {
        requireIntelStaff(actor);
        BufferedReader reader = content instanceof BufferedReader b ? b : new BufferedReader(content, 64 * 1024);
        return importFeed(actor, cleanName(sourceName), format == null || format.isBlank() ? detect(reader) : format(format),
                reader, tenant);
    }

    private ImportResult importFeed(Actor actor, String name, FeedFormat feedFormat, BufferedReader reader, UUID tenant) {
        IntelSource source = sources.findByName(name).orElseGet(() -> {
            IntelSource created = new IntelSource(UUID.randomUUID(), name, feedFormat.id(), null, 60, 30, true, null,
                    null, null, null, null, clock.instant());
            sources.insert(created);
            return created;
        });
        ImportResult result = importInto(source, feedFormat, reader, tenant);
        audit.record(actor, tenant, AuditAction.INTEL_IMPORTED, name, Outcome.SUCCESS,
                feedFormat.id() + ": " + result.imported() + " imported, " + result.rejected() + " rejected");
        return result;
    }

    /** Copies the body to a temporary file within {@link #maxFeedBytes}; a truncated or corrupt body is refused. */
    private Path spool(InputStream body, Charset charset) {
        Path file;
        try {
            file = Files.createTempFile("sukedachi-feed-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = new LimitedInputStream(body, maxFeedBytes); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
            return file;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the refusal below matters more than the temporary file
            }
            if (e instanceof LimitedInputStream.LimitExceededException) {
                throw new RequestBodies.Refused(HttpStatus.CONTENT_TOO_LARGE, "feed_too_large", "the feed is larger than "
                        + maxFeedBytes / (1024 * 1024) + " MiB after decompression (sukedachi.intel.max-feed-mb); nothing was imported");
            }
            RequestBodies.Refused r = RequestBodies.refusal(e, maxFeedBytes, charset, 0);
            throw new RequestBodies.Refused(r.status(), r.error(), r.getMessage().replace("stored", "imported"));
        }
    }

    /**
     * Reads the copy once with the declared charset, in fixed chunks (a JSON feed may be one long line):
     * bytes that are not that charset refuse the whole feed. Returns the number of the first line longer
     * than {@link #MAX_LINE_CHARS}, 0 when none is.
     */
    private static long checkLines(Path spool, Charset charset) throws IOException {
        long line = 1;
        long length = 0;
        long longLine = 0;
        char[] buffer = new char[64 * 1024];
        try (Reader reader = RequestBodies.strictReader(Files.newInputStream(spool), charset)) {
            int n;
            while ((n = reader.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line++;
                        length = 0;
                    } else if (++length > MAX_LINE_CHARS && longLine == 0) {
                        longLine = line;
                    }
                }
            }
            return longLine;
        } catch (CharacterCodingException e) {
            throw new RequestBodies.Refused(HttpStatus.BAD_REQUEST, "bad_charset", "line " + line + " is not valid "
                    + charset.name() + "; declare the feed's charset in Content-Type; nothing was imported");
        }
    }

    /** Line formats (CSV, list) read a line at a time, so one line's length is bounded; JSON feeds stream. */
    private static void refuseLongLine(FeedFormat format, long longLine) {
        if (longLine > 0 && format != FeedFormat.MISP && format != FeedFormat.STIX2) {
            throw new RequestBodies.Refused(HttpStatus.BAD_REQUEST, "line_too_long", "line " + longLine
                    + " is longer than " + MAX_LINE_CHARS + " characters; nothing was imported");
        }
    }

    private ImportResult importInto(IntelSource source, FeedFormat format, Reader reader, UUID tenant) {
        Instant now = clock.instant();
        Duration ttl = source.ttlDays() <= 0 ? null : Duration.ofDays(source.ttlDays());
        List<Indicator> batch = new ArrayList<>(BATCH);
        ImportResult result;
        try {
            result = new FeedImporter().importFeed(reader, format, new ImportContext(source.name(), now, ttl, tenant), i -> {
                batch.add(i);
                if (batch.size() >= BATCH) {
                    indicators.upsert(batch);
                    batch.clear();
                }
            });
            indicators.upsert(batch);
        } catch (RuntimeException e) {
            sources.recordRun(source.id(), now, "FAILED", null, null, e.getMessage());
            throw e;
        }
        sources.recordRun(source.id(), now, "OK", result.imported(), result.rejected(),
                result.errors().isEmpty() ? null : ImportErrorTexts.storedForm(result.errors().getFirst()));
        changes.changed(ChangeVersions.INTEL);
        return result;
    }

    private static FeedFormat detect(BufferedReader reader) {
        try {
            reader.mark(64 * 1024);
            char[] head = new char[16 * 1024];
            int n = reader.read(head);
            reader.reset();
            String text = n <= 0 ? "" : new String(head, 0, n);
            return FeedFormat.detect(text).orElseThrow(() -> new IllegalArgumentException(
                    "feed format not recognised; give one of urlhaus-csv, threatfox-csv, malwarebazaar-csv, sslbl-csv, "
                            + "feodo-csv, misp, stix2, list"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures a feed fetched by URL every {@code refreshMinutes}. */
    public IntelSource addFeed(Actor actor, String name, String format, String url, int refreshMinutes, int ttlDays) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("feeds are configured by admins");
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required: the http(s) address of the feed");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required: letters, digits, dot, dash, underscore (1–100)");
        }
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("format is required; use urlhaus-csv, threatfox-csv, malwarebazaar-csv, "
                    + "sslbl-csv, feodo-csv, misp, stix2 or list");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a valid address: " + url);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalArgumentException("feed URL must be http(s): " + url);
        }
        if (sources.findByName(cleanName(name)).isPresent()) {
            throw new DuplicateException("intel.sourceTaken");
        }
        IntelSource source = new IntelSource(UUID.randomUUID(), cleanName(name), format(format).id(), url,
                Math.max(5, refreshMinutes), Math.max(0, ttlDays), true, null, null, null, null, null, clock.instant());
        sources.insert(source);
        audit.record(actor, null, AuditAction.INTEL_SOURCE_ADDED, source.name(), Outcome.SUCCESS, url);
        return source;
    }

    /**
     * Fetches every feed that is due; a failing feed is recorded on its source and the others go on. Once per
     * cluster: the instance holding the job's lock fetches; another one checking at the same moment skips, and its
     * next check finds the feeds' runs recorded (not due). Returns how many feeds were fetched, -1 when skipped.
     */
    @Scheduled(fixedDelayString = "${sukedachi.intel.refresh-check-ms:60000}", initialDelayString = "${sukedachi.intel.refresh-initial-ms:30000}")
    public int refreshDueFeeds() {
        return jobs.runExclusive(FEED_JOB, () -> {
            Instant now = clock.instant();
            int fetched = 0;
            for (IntelSource source : sources.findAll()) {
                if (source.due(now)) {
                    refresh(source);
                    fetched++;
                }
            }
            return fetched;
        }).orElse(-1);
    }

    /** Fetches one feed now. */
    public void refresh(IntelSource source) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(source.url()))
                    .timeout(Duration.ofMinutes(5)).header("Accept-Encoding", "gzip").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                sources.recordRun(source.id(), clock.instant(), "FAILED", null, null, "HTTP " + response.statusCode());
                return;
            }
            InputStream body = new LimitedInputStream(response.body(), maxFeedBytes);
            if (response.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT).contains("gzip")
                    || source.url().endsWith(".gz")) {
                body = new GZIPInputStream(body);
            }
            FeedFormat feedFormat = format(source.format());
            Path spool = spool(body, StandardCharsets.UTF_8);
            try (Reader reader = RequestBodies.strictReader(Files.newInputStream(spool), StandardCharsets.UTF_8)) {
                refuseLongLine(feedFormat, checkLines(spool, StandardCharsets.UTF_8));
                importInto(source, feedFormat, reader, null);
            } finally {
                Files.deleteIfExists(spool);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("intel feed {} failed: {}", source.name(), e.toString());
            sources.recordRun(source.id(), clock.instant(), "FAILED", null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds a known-good value (provider-wide, or for one tenant) that never alerts. */
    @Transactional // the change and its version bump commit together
    public void allow(Actor actor, String type, String value, UUID tenant, String note) {
        requireIntelStaff(actor);
        IndicatorType t = type == null || type.isBlank() ? Normalize.infer(value).map(Normalize.Typed::type)
                .orElseThrow(() -> new IllegalArgumentException("cannot tell what kind of value this is: " + value))
                : AllowlistScope.type(type);
        String normalised = Normalize.value(t, value);
        if (tenant != null && tenants.find(actor, tenant).isEmpty()) {
            throw new InvalidInput("tenant", "suppression.noTenant", null, "no company with this id");
        }
        try {
            AllowlistScope.check(t, normalised, note);
        } catch (IllegalArgumentException e) {
            // A refused attempt to silence intel broadly is worth a trace.
            audit.record(actor, tenant, AuditAction.INTEL_ALLOWLISTED, t + ":" + normalised, Outcome.DENIED,
                    e.getMessage());
            throw e;
        }
        indicators.allow(t, normalised, tenant, note, actor.login(), clock.instant());
        audit.record(actor, tenant, AuditAction.INTEL_ALLOWLISTED, t + ":" + normalised, Outcome.SUCCESS, note);
        changes.changed(ChangeVersions.INTEL);
    }

    @Transactional // the change and its version bump commit together
    public void disallow(Actor actor, long id) {
        requireIntelStaff(actor);
        if (!indicators.disallow(actor, id)) {
            throw new NotFoundException("allowlist entry");
        }
        audit.record(actor, null, AuditAction.INTEL_ALLOWLISTED, "removed #" + id, Outcome.SUCCESS, null);
        changes.changed(ChangeVersions.INTEL);
    }

    /**
     * Publishes one company's indicator to every customer of the provider (the J-CSIP idea): the copy
     * names no company.
     */
    @Transactional // the change and its version bump commit together
    public void publish(Actor actor, long indicatorId) {
        requireIntelStaff(actor);
        var row = indicators.find(actor, indicatorId).orElseThrow(() -> new NotFoundException("indicator"));
        if (row.indicator().tenant() == null) {
            throw new IllegalArgumentException("this indicator already protects every customer");
        }
        indicators.publish(indicatorId, SHARED_SOURCE, clock.instant());
        audit.record(actor, row.indicator().tenant(), AuditAction.INTEL_SHARED,
                row.indicator().type() + ":" + row.indicator().value(), Outcome.SUCCESS, null);
        changes.changed(ChangeVersions.INTEL);
    }

    /** One indicator to share with every customer: type, value (normalised here) and the threat type it is known by. */
    public record ToShare(IndicatorType type, String value, String threatType) {
    }

    /**
     * Publishes indicators an analyst vouches for (a campaign's keys) to every customer, the same way as
     * {@link #publish}: a copy under the {@value #SHARED_SOURCE} source that names no company, one audit entry per
     * indicator, and the matcher rebuilt so every customer's next events match. Values that do not normalise for
     * their type are skipped. Returns how many were shared.
     */
    @Transactional // the change and its version bump commit together
    public int shareWithEveryCustomer(Actor actor, List<ToShare> values, String reference) {
        requireIntelStaff(actor);
        Instant now = clock.instant();
        List<Indicator> shared = new ArrayList<>();
        for (ToShare v : values) {
            String value;
            try {
                value = Normalize.value(v.type(), v.value());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (value == null) {
                continue;
            }
            shared.add(new Indicator(v.type(), value, SHARED_SOURCE, 80, v.threatType(), null, now, now, null, null,
                    reference));
        }
        if (shared.isEmpty()) {
            return 0;
        }
        indicators.upsert(shared);
        for (Indicator i : shared) {
            audit.record(actor, null, AuditAction.INTEL_SHARED, i.type() + ":" + i.value(), Outcome.SUCCESS, reference);
        }
        changes.changed(ChangeVersions.INTEL);
        return shared.size();
    }

    /** The indicators that match a value: exact rows plus what the matcher finds (CIDR ranges, parent domains). */
    public List<IndicatorRepository.Row> lookup(Actor actor, String value) {
        requireIntelStaff(actor);
        var typed = Normalize.infer(value == null ? "" : value.strip())
                .orElseThrow(() -> new IllegalArgumentException("not an IP, domain, URL, hash or e-mail: " + value));
        List<IndicatorRepository.Row> rows = new ArrayList<>(indicators.findByValue(actor, typed.value()));
        // Covering CIDR ranges and parent domains: ask the matcher about an event carrying the value.
        SecurityEvent probe = probe(typed);
        if (probe != null) {
            store.matcher().match(probe, clock.instant()).stream()
                    .map(d -> d.context().get("indicator"))
                    .filter(Objects::nonNull)
                    .map(k -> k.substring(k.indexOf(':') + 1))
                    .filter(v -> !v.equals(typed.value())).distinct()
                    .forEach(v -> rows.addAll(indicators.findByValue(actor, v)));
        }
        return rows;
    }

    /** An event with the value in the field the matcher reads for its type. */
    private static SecurityEvent probe(Normalize.Typed typed) {
        String field = switch (typed.type()) {
            case IPV4, IPV6 -> Ecs.DESTINATION_IP;
            case DOMAIN, DOMAIN_SUFFIX -> Ecs.DNS_QUESTION_NAME;
            case URL -> Ecs.URL_FULL;
            case MD5 -> Ecs.FILE_HASH_MD5;
            case SHA1 -> Ecs.FILE_HASH_SHA1;
            case SHA256 -> Ecs.FILE_HASH_SHA256;
            case EMAIL -> Ecs.EMAIL_FROM_ADDRESS;
            case TLS_SHA1 -> Ecs.TLS_SERVER_HASH_SHA1;
            case JA3 -> Ecs.TLS_CLIENT_JA3;
            case CIDR, EMAIL_DOMAIN -> null;
        };
        return field == null ? null : SecurityEvent.builder("lookup").set(field, typed.value()).build();
    }

    static FeedFormat format(String id) {
        return FeedFormat.fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown feed format '" + id
                + "'; use urlhaus-csv, threatfox-csv, malwarebazaar-csv, sslbl-csv, feodo-csv, misp, stix2 or list"));
    }

    private static String cleanName(String name) {
        String n = name == null ? "" : name.strip();
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("source name: letters, digits, dot, dash, underscore (1–100): " + name);
        }
        return n;
    }
}
