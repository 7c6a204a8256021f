package jp.sukedachi.app.sigma;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.sukedachi.detect.sigma.LogsourceMappings;
import jp.sukedachi.detect.sigma.SigmaEngine;
import jp.sukedachi.detect.sigma.SigmaRule;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Sigma rules the pipeline matches: every rule under {@code sukedachi.sigma.rules-dir}, read at run time
 * (the SigmaHQ rules are under DRL 1.1 and are not packaged in the application). Loading several thousand
 * rules takes seconds, so it runs in the background; until it finishes no Sigma rule matches. Each detection
 * carries the rule's title, id, author and references, which the licence requires alerts to show.
 */
@Component
public class SigmaRules {
    private static final Logger LOG = LoggerFactory.getLogger(SigmaRules.class);
    /** The credit line DRL 1.1 asks for, shown with every Sigma alert. */
    public static final String LICENCE = "Detection Rule License (DRL) 1.1, https://github.com/SigmaHQ/Detection-Rule-License";

    /** The compiled rules and their lookup by id; replaced whole, so matchers never see a half-built set. */
    private record Loaded(SigmaEngine engine, Map<String, SigmaRule> byId, SigmaRuleSet source) {
    }

    private volatile Loaded loaded = new Loaded(SigmaEngine.compile(List.of(), LogsourceMappings.standard()), Map.of(),
            new SigmaRuleSet(List.of(), List.of()));
    /** One matcher per pipeline thread and engine (matchers keep per-thread buffers). */
    private final ThreadLocal<Map.Entry<SigmaEngine, SigmaEngine.Matcher>> matchers = new ThreadLocal<>();
    private final Path dir;

    public SigmaRules(@Value("${sukedachi.sigma.rules-dir:}") String configured) {
        this.dir = rulesDir(configured);
        if (dir != null) {
            Thread t = new Thread(this::loadNow, "sigma-rules-loader");
            t.setDaemon(true);
            t.start();
        } else {
            LOG.info("Sigma: no rules directory (set sukedachi.sigma.rules-dir); no Sigma rule is matched");
        }
    }

    /** The configured folder; by default SigmaHQ's rules in the shared datasets beside the repository, if present. */
    static Path rulesDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path fallback = Path.of("../shared/datasets/sigmahq-sigma/rules");
        return Files.isDirectory(fallback) ? fallback : null;
    }

    /** Reads and compiles the rules directory (also the loader thread's job); returns the rules loaded. */
    public synchronized int loadNow() {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        long t0 = System.nanoTime();
        SigmaRuleSet set = SigmaRuleSet.load(dir);
        install(set);
        LOG.info("Sigma: {} rules loaded from {} ({} refused, {} without an event source here) in {} ms", set.rules().size(), dir,
                set.rejected().size(), loaded.engine().unmapped().size(), (System.nanoTime() - t0) / 1_000_000);
        return set.rules().size();
    }

    /** Replaces the rule set (directory loads and tests). */
    public void install(SigmaRuleSet set) {
        Map<String, SigmaRule> byId = new HashMap<>();
        set.rules().forEach(r -> byId.put(r.id(), r));
        loaded = new Loaded(SigmaEngine.compile(set.rules(), LogsourceMappings.standard()), Map.copyOf(byId), set);
    }

    public Optional<SigmaRule> rule(String id) {
        return Optional.ofNullable(loaded.byId().get(id));
    }

    public SigmaRuleSet ruleSet() {
        return loaded.source();
    }

    /** The event's Sigma detections (usually none). */
    public List<Detection> detect(SecurityEvent event) {
        SigmaEngine engine = loaded.engine();
        Map.Entry<SigmaEngine, SigmaEngine.Matcher> m = matchers.get();
        if (m == null || m.getKey() != engine) {
            m = Map.entry(engine, engine.newMatcher());
            matchers.set(m);
        }
        List<SigmaRule> rules = m.getValue().match(event);
        if (rules.isEmpty()) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>(rules.size());
        for (SigmaRule r : rules) {
            out.add(new Detection(event.tenant(), event.device(), event.timestampMillis(), "sigma", r.id(), r.title(),
                    r.severity(), event, credit(r)));
        }
        return out;
    }

    /** Title, id, author, references, level and licence: what an analyst (and DRL 1.1) needs with the alert. */
    static Map<String, String> credit(SigmaRule r) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("sigma.title", r.title());
        c.put("sigma.id", r.id());
        if (r.author() != null) {
            c.put("sigma.author", r.author());
        }
        if (!r.references().isEmpty()) {
            c.put("sigma.references", String.join(" ", r.references()));
        }
        if (r.level() != null) {
            c.put("sigma.level", r.level());
        }
        c.put("sigma.licence", LICENCE);
        return c;
    }
}
