package jp.sukedachi.app.sigma;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.detect.sigma.LogsourceMappings;
import jp.sukedachi.detect.sigma.SigmaDetector;
import jp.sukedachi.detect.sigma.SigmaEngine;
import jp.sukedachi.detect.sigma.SigmaRule;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The Sigma rules the pipeline matches: every rule under {@code sukedachi.sigma.rules-dir}, read at run time
 * (the SigmaHQ rules are under DRL 1.1 and are not packaged in the application) and the provider's uploaded
 * rules, minus those switched off. Loading several thousand rules takes seconds, so it runs in the
 * background; until it finishes no Sigma rule matches. Each compiled set goes to every {@link SigmaDetector} the
 * pipeline runs (one per stream, {@link #detector()}), which matches, correlates and credits the rules.
 */
@Component
public class SigmaRules {
    private static final Logger LOG = LoggerFactory.getLogger(SigmaRules.class);
    /** The compiled rules and their lookup by id; replaced whole, so readers never see a half-built set. */
    private record Loaded(SigmaEngine engine, Map<String, SigmaRule> byId, SigmaRuleSet source, Set<String> disabled,
            List<SigmaRule> enabled) {
    }

    /**
     * The pipeline's live Sigma detectors, one per stream (weakly held: a stream's detector goes when the stream
     * closes), each handed every new rule set. They share the compiled engine; only correlation windows are theirs.
     */
    private final Set<SigmaDetector> detectors = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private final long maxCorrelationGroups;

    private volatile Loaded loaded = new Loaded(SigmaEngine.compile(List.of(), LogsourceMappings.standard()), Map.of(),
            new SigmaRuleSet(List.of(), List.of()), Set.of(), null);
    private final Path dir;
    private final SigmaRuleRepository repository;
    /** The rules folder, parsed once (seconds for SigmaHQ); uploads and switches recompile without re-reading it. */
    private volatile SigmaRuleSet fromDir = new SigmaRuleSet(List.of(), List.of());

    private final boolean oneShotCommand;

    /** @param maxCorrelationGroups correlation groups held in all (a few hundred bytes each) */
    SigmaRules(SigmaSettings settings, SigmaRuleRepository repository, SukedachiProperties properties) {
        this.maxCorrelationGroups = settings.maxCorrelationGroups();
        this.dir = rulesDir(settings.rulesDir());
        this.repository = repository;
        this.oneShotCommand = properties.oneShotCommand();
    }

    /** Counted down when the first load has finished (or failed): the demo waits for it before its history. */
    private final CountDownLatch firstLoad = new CountDownLatch(1);

    /** Loads in the background once the database is migrated: several thousand rules take seconds. */
    @EventListener(ApplicationReadyEvent.class)
    public void loadInBackground() {
        if (oneShotCommand) {
            firstLoad.countDown();
            return; // import and the like run no pipeline
        }
        Thread t = new Thread(() -> {
            try {
                loadNow();
            } catch (RuntimeException e) {
                LOG.error("Sigma: loading the rules failed", e);
            } finally {
                firstLoad.countDown();
            }
        }, "sigma-rules-loader");
        t.setDaemon(true);
        t.start();
    }

    /** The configured folder; by default SigmaHQ's rules in the shared datasets beside the repository, if present. */
    static Path rulesDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path fallback = Path.of("../shared/datasets/sigmahq-sigma/rules");
        return Files.isDirectory(fallback) ? fallback : null;
    }

    public Path rulesDir() {
        return dir;
    }

    /** Waits until the rules of the first load are matching (true), or the time is up (false). */
    public boolean awaitFirstLoad(Duration timeout) throws InterruptedException {
        return firstLoad.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the rules folder again, then {@link #reload()}s; returns the rules loaded in total. */
    public synchronized int loadNow() {
        long t0 = System.nanoTime();
        if (dir != null && Files.isDirectory(dir)) {
            fromDir = SigmaRuleSet.load(dir);
        } else if (dir != null) {
            LOG.warn("Sigma: rules folder {} does not exist", dir);
        }
        reload();
        LOG.info("Sigma: {} rules loaded ({} refused, {} without an event source here, {} switched off) in {} ms",
                loaded.source().rules().size(), loaded.source().rejected().size(), loaded.engine().unmapped().size(),
                loaded.disabled().size(), (System.nanoTime() - t0) / 1_000_000);
        return loaded.source().rules().size();
    }

    /** Recompiles from the folder's rules, the uploaded rules and the switches in the database. */
    public synchronized void reload() {
        SigmaRuleSet.Builder b = new SigmaRuleSet.Builder();
        fromDir.rules().forEach(b::addRule);
        for (SigmaRuleRepository.Uploaded u : repository.uploaded()) {
            b.add(u.body(), "uploaded/" + u.ruleId() + ".yml", UPLOADED_FOLDER);
        }
        SigmaRuleSet built = b.build();
        List<SigmaRuleSet.Rejected> rejected = new ArrayList<>(fromDir.rejected());
        rejected.addAll(built.rejected());
        install(new SigmaRuleSet(built.rules(), List.copyOf(rejected)), repository.toggles());
    }

    /**
     * Whether a switch by folder can name this value: the uploaded rules' folder, a folder of a loaded rule or
     * one above it, or a folder below the rules folder on disk (rules may still be loading). Never a path
     * out of it ("..", absolute, backslashes).
     */
    public boolean isRuleFolder(String folder) {
        if (folder.equals(UPLOADED_FOLDER)) {
            return true;
        }
        if (folder.isEmpty() || folder.startsWith("/") || folder.endsWith("/") || folder.contains("\\")
                || Arrays.stream(folder.split("/")).anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
            return false;
        }
        if (loaded.source().rules().stream().anyMatch(r -> r.folder().equals(folder) || r.folder().startsWith(folder + "/"))) {
            return true;
        }
        if (dir == null) {
            return false;
        }
        Path root = dir.toAbsolutePath().normalize();
        Path candidate = root.resolve(folder).normalize();
        return candidate.startsWith(root) && !candidate.equals(root) && Files.isDirectory(candidate);
    }

    /** Folder name of uploaded rules (switches by folder apply to them too). */
    public static final String UPLOADED_FOLDER = "uploaded";

    /** Replaces the rule set with every rule switched on (tests). */
    public void install(SigmaRuleSet set) {
        install(set, List.of());
    }

    private void install(SigmaRuleSet set, List<SigmaRuleRepository.Toggle> toggles) {
        Map<String, SigmaRule> byId = new HashMap<>();
        set.rules().forEach(r -> byId.put(r.id(), r));
        Set<String> disabled = new HashSet<>();
        List<SigmaRule> enabled = new ArrayList<>();
        for (SigmaRule r : set.rules()) {
            if (enabled(r, toggles)) {
                enabled.add(r);
            } else {
                disabled.add(r.id());
            }
        }
        SigmaEngine engine = SigmaEngine.compile(enabled, LogsourceMappings.standard());
        synchronized (detectors) {
            loaded = new Loaded(engine, Map.copyOf(byId), set, Set.copyOf(disabled), List.copyOf(enabled));
            detectors.forEach(d -> d.install(engine, enabled));
        }
    }

    /**
     * A new Sigma detector for one stream, with the rules installed now and every rule set installed later (the
     * stream's correlation windows are its own; {@code sukedachi.sigma.max-correlation-groups} bounds each).
     */
    public SigmaDetector detector() {
        SigmaDetector d = new SigmaDetector(maxCorrelationGroups);
        synchronized (detectors) {
            Loaded l = loaded;
            if (l.enabled() != null) {
                d.install(l.engine(), l.enabled());
            }
            detectors.add(d);
        }
        return d;
    }

    /**
     * Whether a rule runs: a switch for its id decides; otherwise any switched-off level, status or folder
     * (a folder covers its subfolders) turns it off; rules run by default.
     */
    static boolean enabled(SigmaRule r, List<SigmaRuleRepository.Toggle> toggles) {
        boolean on = true;
        for (SigmaRuleRepository.Toggle t : toggles) {
            switch (t.kind()) {
                case "RULE" -> {
                    if (t.value().equals(r.id())) {
                        return t.enabled();
                    }
                }
                case "LEVEL" -> on &= t.enabled() || !t.value().equals(r.level());
                case "STATUS" -> on &= t.enabled() || !t.value().equals(r.status());
                case "FOLDER" -> on &= t.enabled() || !(r.folder().equals(t.value()) || r.folder().startsWith(t.value() + "/"));
                default -> {
                }
            }
        }
        return on;
    }

    public boolean isEnabled(String ruleId) {
        return loaded.byId().containsKey(ruleId) && !loaded.disabled().contains(ruleId);
    }

    /** Counts for the rules page: loaded, refused, switched off, matching (have an event source and are on). */
    public record Summary(int loaded, int refused, int disabled, int active, int withoutEventSource) {
    }

    public Summary summary() {
        Loaded l = loaded;
        return new Summary(l.source().rules().size(), l.source().rejected().size(), l.disabled().size(),
                l.engine().activeRules().size(), l.engine().unmapped().size());
    }

    public Optional<SigmaRule> rule(String id) {
        return Optional.ofNullable(loaded.byId().get(id));
    }

    public SigmaRuleSet ruleSet() {
        return loaded.source();
    }
}
