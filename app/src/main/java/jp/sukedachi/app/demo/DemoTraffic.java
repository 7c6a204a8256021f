package jp.sukedachi.app.demo;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jp.sukedachi.app.incident.IncidentType;
import jp.sukedachi.app.ingest.SyslogReceiver;
import jp.sukedachi.app.report.ReportBackfill;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.simulate.Sender;
import jp.sukedachi.simulate.SimRecord;
import jp.sukedachi.simulate.SimWorld;
import jp.sukedachi.simulate.Simulator;
import jp.sukedachi.simulate.Story;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Makes the demo alive. At the first start it fast-forwards through a few weeks of history: the simulator's
 * office traffic and attack cases, sent hour by hour through the real receivers while the {@link DemoClock}
 * stands at that hour, each hour waited for until the pipeline has turned it into detections and alerts. Then
 * an analyst's usual work is replayed on the older alerts (some closed, some made incidents), and live traffic
 * follows at a gentle rate, forever. A restart resumes live traffic; the history is not repeated.
 */
@Component
@ConditionalOnProperty(name = "sukedachi.demo", havingValue = "true")
class DemoTraffic {
    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    static final String STATE_FILE = "demo-traffic.json";
    /**
     * Checks that are not pipeline detectors: the campaign correlation runs in the database (see
     * {@code CampaignCorrelator}). Every other check is available when a {@link Detector} with its id is registered
     * (Sigma: and its rules are loaded); a case whose detector is neither is listed as "waiting".
     */
    static final Set<String> DATABASE_CHECKS = Set.of("campaign");

    private final DemoWorld world;
    private final DemoClock clock;
    private final SyslogReceiver syslog;
    private final EventPipeline pipeline;
    private final MeterRegistry meters;
    private final AlertQueries alerts;
    private final AlertService alertService;
    private final DemoIncidents demoIncidents;
    private final DemoReporting demoReporting;
    private final ReportBackfill reportBackfill;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final ObjectMapper json;
    private final SigmaRules sigma;
    private final Set<String> detectorIds;
    private final boolean enabled;
    private final int historyHours;
    private final double historyRate;
    private final double liveRate;
    private final long liveIntervalMillis;
    private final AtomicLong sent = new AtomicLong();
    private volatile String phase = "starting";
    private volatile int progress;
    private volatile Thread worker;

    /** What survives a restart: the story's window and how far live traffic got. */
    record State(long storyStart, long storyEnd, long lastSent) {
    }

    public DemoTraffic(DemoWorld world, DemoClock clock, SyslogReceiver syslog, EventPipeline pipeline,
            MeterRegistry meters, AlertQueries alerts, AlertService alertService, DemoIncidents demoIncidents,
            DemoReporting demoReporting, ReportBackfill reportBackfill,
            TenantRepository tenants, UserRepository users, ObjectMapper json, SigmaRules sigma, DemoSettings settings,
            List<Detector> detectors) {
        this.detectorIds = detectors.stream().map(Detector::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.world = world;
        this.clock = clock;
        this.syslog = syslog;
        this.pipeline = pipeline;
        this.meters = meters;
        this.alerts = alerts;
        this.alertService = alertService;
        this.demoIncidents = demoIncidents;
        this.demoReporting = demoReporting;
        this.reportBackfill = reportBackfill;
        this.tenants = tenants;
        this.users = users;
        this.json = json;
        this.sigma = sigma;
        this.enabled = settings.traffic();
        this.historyHours = settings.historyHours();
        this.historyRate = settings.historyRate();
        this.liveRate = settings.liveRate();
        this.liveIntervalMillis = settings.liveIntervalMs();
    }

    public boolean enabled() {
        return enabled;
    }

    /** True until the first start's history is in (a restart goes straight to live traffic). */
    public boolean historyPending() {
        return readState() == null;
    }

    /**
     * Starts the traffic in the background; {@code onReady} runs once the history is in (at once on a restart).
     */
    public synchronized void start(String baseUrl, Runnable onReady) {
        if (!enabled || worker != null) {
            onReady.run();
            return;
        }
        worker = Thread.ofPlatform().name("demo-traffic").daemon().start(() -> run(baseUrl, onReady));
    }

    private void run(String baseUrl, Runnable onReady) {
        SimWorld sim = world.world();
        // The simulated UTMs send syslog from their own loopback addresses, so talk to IPv4 loopback explicitly.
        URI target = URI.create(baseUrl.replace("//localhost:", "//127.0.0.1:"));
        try (Sender sender = new Sender(new Sender.Target(target, syslog.port()),
                world.deviceTokens().tokens(), sim, 4)) {
            syslog.reloadSources();
            State state = readState();
            if (state == null) {
                // The history should meet every detector: Sigma's few thousand rules load in the background.
                if (!sigma.awaitFirstLoad(Duration.ofMinutes(3))) {
                    log.warn("demo history: Sigma rules still loading; starting without them");
                }
                Instant end = Instant.now();
                state = new State(end.minus(Duration.ofHours(historyHours)).toEpochMilli(), end.toEpochMilli(),
                        end.toEpochMilli());
                history(sim, state, sender);
                analystWork(state);
                reports(state);
                writeState(state);
            }
            phase = "live";
            progress = 100;
            onReady.run();
            live(sim, state, sender);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            phase = "failed: " + e.getMessage();
            log.error("demo traffic stopped", e);
            onReady.run();
        } finally {
            clock.release();
        }
    }

    private Story story(State s) {
        return new Story(Instant.ofEpochMilli(s.storyStart()), Instant.ofEpochMilli(s.storyEnd()), DemoWorld.WORLD_SEED);
    }

    /** Hour by hour for the last two days, six hours at a time before that (fewer round trips, same records). */
    private void history(SimWorld sim, State state, Sender sender) throws IOException, InterruptedException {
        phase = "history";
        Simulator simulator = new Simulator(sim, DemoWorld.WORLD_SEED, historyRate, Simulator.Shape.OFFICE, story(state));
        long hour = 3_600_000L;
        long t = state.storyStart();
        long end = state.storyEnd();
        double syslogBase = syslogCount();
        long syslogSent = 0;
        while (t < end) {
            long step = end - t > 48 * hour ? 6 * hour : hour;
            long next = Math.min(end, t + step);
            // Stamp this step's arrival near its end, inside its last hour: counters land in that hour.
            clock.runAt(Instant.ofEpochMilli(Math.max(t, next - 10 * 60_000L)));
            List<SimRecord> records = simulator.between(Instant.ofEpochMilli(t), Instant.ofEpochMilli(next));
            Sender.Sent s = sender.send(records);
            syslogSent += s.syslog();
            sent.addAndGet(s.total());
            awaitPipeline(syslogBase + syslogSent);
            t = next;
            progress = (int) (100 * (t - state.storyStart()) / Math.max(1, end - state.storyStart()));
        }
        clock.release();
        log.info("demo history: {} events over {} hours", sent.get(), historyHours);
    }

    private double syslogCount() {
        var received = meters.find("sukedachi.syslog.received").counter();
        var unknown = meters.find("sukedachi.syslog.unknown_source").counter();
        return (received == null ? 0 : received.count()) + (unknown == null ? 0 : unknown.count());
    }

    /**
     * Until the syslog receiver has taken every line sent and the pipeline has stored everything it took: the
     * journal has nothing unconsumed, or (Kafka) this process's consumer has stored as many events as its receivers
     * sent. Kafka's lag is no answer here: it is read at the end of the consumer's last loop, so right after a send
     * it still says 0, and the demo clock would move on before the step's counters and alerts are stored.
     */
    private void awaitPipeline(double syslogExpected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        long produced = 0;
        long handled = 0;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Number> gauges = pipeline.gauges();
            long unconsumed = gauges.getOrDefault("sukedachi.journal.unconsumed.bytes", 0).longValue();
            produced = gauges.getOrDefault("sukedachi.kafka.produced.events", 0).longValue();
            handled = gauges.getOrDefault("sukedachi.kafka.handled.events", 0).longValue();
            if (syslogCount() >= syslogExpected && unconsumed == 0 && handled >= produced) {
                return;
            }
            Thread.sleep(10);
        }
        log.error("demo history: the pipeline did not store what was sent within 2 minutes (syslog lines taken {} of"
                + " {}; Kafka events stored here {} of {} sent: the demo needs one process that receives and works"
                + " every partition); going on, counters and alerts may land in later hours", (long) syslogCount(),
                (long) syslogExpected, handled, produced);
    }

    /**
     * What an analyst would have done in those weeks: the phone and the laptop cases closed as handled, the
     * spoofed mails acknowledged, the manufacturer's and the partner-mail alerts made incidents.
     */
    private void analystWork(State state) {
        Actor analyst = users.findByLogin("analyst@demo.sukedachi.jp").map(u -> u.actor()).orElse(null);
        if (analyst == null) {
            return;
        }
        close(analyst, "tsubame-ryokan", "私物スマートフォンを社内 Wi-Fi から外し、来客用 Wi-Fi を分けました。");
        close(analyst, "aozora-unyu", "ノート PC を初期化し、取引先へ注意喚起のメールを送りました。");
        for (Alert a : open(analyst, "midori-kaikei")) {
            alertService.acknowledge(analyst, a.id());
            // A staff-only note (社内メモ): the company never reads it.
            alertService.comment(analyst, a.id(), "送信元ドメインの SPF が失敗。取引先のなりすましか確認中。", false);
        }
        incident(analyst, "takahashi-seisakusho", "Emotet とランサムウェア（生産管理 PC）", IncidentType.RANSOMWARE,
                "生産管理 PC で Emotet の通信と暗号化の兆候を検知しました。",
                "生産管理 PC の LAN ケーブルを抜いてください（電源は切らないでください）。このあと担当者からお電話します。",
                "C2 通信先は社内の他端末からは見えていない。NAS のログを明朝回収する。", true);
        incident(analyst, "yamabuki-shoji", "取引先を装った不正な添付メール", IncidentType.PHISHING,
                "取引先を装ったメールの添付ファイルが開かれました。",
                "届いたメールは消さずに残してください。取引先には、前から知っている番号で確認をお願いします。",
                "送信元ドメインは取引先の類似ドメイン。ゲートウェイでのブロックを検討。", false);
        demoReporting.answer(analyst);
    }

    /**
     * The monthly reports of every month the history covers, so a newcomer opens one at once on /my/reports
     * (archived only: the demo mails nothing).
     */
    private void reports(State state) {
        phase = "reports";
        try {
            YearMonth from = YearMonth.from(Instant.ofEpochMilli(state.storyStart()).atZone(Formats.TOKYO));
            YearMonth to = YearMonth.from(Instant.ofEpochMilli(state.storyEnd()).atZone(Formats.TOKYO));
            long started = System.nanoTime();
            int written = reportBackfill.archiveWithoutMail(from, to);
            log.info("demo: {} monthly reports archived in {} ms", written, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("demo: monthly reports could not be generated", e);
        }
    }

    private List<Alert> open(Actor analyst, String slug) {
        return tenants.findBySlug(analyst, slug)
                .map(t -> alerts.alertsOf(analyst, t.id(), 500).stream()
                        .filter(a -> a.status() != Alert.Status.CLOSED && !"blocked".equals(a.entity())).toList())
                .orElse(List.of());
    }

    private void close(Actor analyst, String slug, String note) {
        for (Alert a : open(analyst, slug)) {
            alertService.comment(analyst, a.id(), note, true); // what was done, told to the company
            alertService.close(analyst, a.id(), Alert.Resolution.TRUE_POSITIVE);
        }
    }

    private void incident(Actor analyst, String slug, String title, IncidentType type, String what, String message,
            String note, boolean contained) {
        List<UUID> ids = open(analyst, slug).stream().filter(a -> a.incidentId() == null).map(Alert::id).toList();
        if (!ids.isEmpty()) {
            demoIncidents.open(analyst, ids, title, type, what, message, note, contained);
        }
    }

    private void live(SimWorld sim, State state, Sender sender) throws InterruptedException {
        Simulator simulator = new Simulator(sim, DemoWorld.WORLD_SEED, liveRate, Simulator.Shape.OFFICE, story(state));
        // After a long pause, resume at most an hour back (the devices "were off" in between).
        long last = Math.max(state.lastSent(), System.currentTimeMillis() - 3_600_000L);
        long lastSaved = System.currentTimeMillis();
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(liveIntervalMillis);
            long now = System.currentTimeMillis();
            try {
                Sender.Sent s = sender.send(simulator.between(Instant.ofEpochMilli(last), Instant.ofEpochMilli(now)));
                sent.addAndGet(s.total());
                last = now;
            } catch (IOException e) {
                log.warn("demo live traffic: {}", e.getMessage());
            }
            if (now - lastSaved > 60_000) {
                writeState(new State(state.storyStart(), state.storyEnd(), last));
                lastSaved = now;
            }
        }
    }

    /** The phase and each case's detectors and alerts, read as the provider admin sees them. */
    public DemoStatus status(Actor staff) {
        List<DemoStatus.CaseStatus> cases = new ArrayList<>();
        for (Story.Case c : Story.Case.values()) {
            List<DemoStatus.Check> checks = new ArrayList<>();
            for (Story.Expect e : c.expects()) {
                boolean available = DATABASE_CHECKS.contains(e.detector()) || (detectorIds.contains(e.detector())
                        && (!"sigma".equals(e.detector()) || sigma.summary().active() > 0));
                List<Alert> found = tenants.findBySlug(staff, e.company())
                        .map(t -> alerts.alertsOf(staff, t.id(), 1000).stream()
                                // caught by X when X is among an alert's detectors (one connection, one alert)
                                .filter(a -> a.detectors().contains(e.detector())).toList())
                        .orElse(List.of());
                String highest = found.stream().map(Alert::severity)
                        .max(Comparator.naturalOrder()).map(Enum::name).orElse(null);
                checks.add(new DemoStatus.Check(e.company(), e.detector(), available, found.size(), highest));
            }
            cases.add(new DemoStatus.CaseStatus(c.number(), c.titleJa(), c.titleEn(), checks));
        }
        return new DemoStatus(phase, progress, sent.get(), cases);
    }

    private Path stateFile() {
        return world.credentialsFile().resolveSibling(STATE_FILE);
    }

    private State readState() {
        Path f = stateFile();
        return Files.exists(f) ? json.readValue(f.toFile(), State.class) : null;
    }

    private void writeState(State s) {
        try {
            DemoWorld.writeSecret(stateFile(), json.writeValueAsString(s));
        } catch (UncheckedIOException e) {
            log.warn("cannot save demo state: {}", e.getCause().toString());
        }
    }
}
