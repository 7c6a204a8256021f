package jp.sukedachi.detect.sigma;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.DetectorState;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/**
 * The Sigma rules as a {@link Detector}: each event is matched against the installed rules (one detection per
 * matching rule), and the matches of the rules that correlation rules count feed one {@link SigmaCorrelator} per
 * company, so counts and windows never mix two companies' events (group-by values such as a user name could
 * otherwise join them). One total bound on correlation groups is shared among the companies.
 *
 * <p><b>Rules.</b> {@link #install} hands over a new rule set from any thread (the rules load in the background);
 * the detector takes it at its next call, in the pipeline's thread, and keeps the open windows of every
 * correlation rule that is still loaded with the same definition.
 *
 * <p><b>State.</b> {@link #snapshot()} writes the open correlation windows per company in a versioned binary
 * format ({@value #FORMAT_VERSION}). It returns the very same array as long as no window changed, so a batch
 * without correlation activity costs one comparison per company and the runtime may skip storing an array it
 * stored already ({@code ==}). {@link #restore} refuses data it cannot read ({@link IllegalArgumentException}) and
 * drops the windows of rules no longer loaded; a state restored before the first rule set arrives is kept as
 * it is until then (the rules load seconds after the pipeline starts).
 */
public final class SigmaDetector implements Detector {
    public static final String ID = "sigma";
    /** The credit line DRL 1.1 asks for, shown with every Sigma alert. */
    public static final String LICENCE = "Detection Rule License (DRL) 1.1, https://github.com/SigmaHQ/Detection-Rule-License";
    /** The version of the state format {@link #snapshot()} writes. */
    public static final int FORMAT_VERSION = 1;
    /** "SGMA": what a Sigma state starts with. */
    private static final int MAGIC = 0x53474d41;
    /** Correlation groups held in all by default (a few hundred bytes each). */
    public static final long DEFAULT_MAX_GROUPS = 100_000;
    private static final int MIN_GROUPS_PER_COMPANY = 10;

    /**
     * A compiled rule set: the engine, the correlation rules, the rules they may count, those they do count, and
     * each matched rule's credit and category, made once (filled by the detector's thread only).
     */
    private record Rules(SigmaEngine engine, List<SigmaRule> correlations, List<SigmaRule> bases, Set<String> counted,
            Map<SigmaRule, Made> made) {
    }

    /** What every detection of one rule carries. */
    private record Made(Map<String, String> credit, Category category) {
    }

    /** One company's correlations and its part of the last snapshot. */
    private static final class Company {
        final SigmaCorrelator correlator;
        byte[] written;
        long writtenAt = -1;

        Company(SigmaCorrelator correlator) {
            this.correlator = correlator;
        }
    }

    private final long maxGroups;
    private final AtomicReference<Rules> pending = new AtomicReference<>();
    private Rules rules;
    private SigmaEngine.Matcher matcher;
    /** Ordered by company id, so that advance and snapshot give the same order after a restore. */
    private final TreeMap<TenantId, Company> companies = new TreeMap<>(Comparator.comparing(TenantId::value));
    /** A restored state waiting for the first rule set. */
    private byte[] parked;
    private boolean installed;
    /** The last snapshot, returned again while nothing changed; null after a change of companies. */
    private byte[] last;

    public SigmaDetector() {
        this(DEFAULT_MAX_GROUPS);
    }

    /** @param maxGroups correlation groups held over all companies */
    public SigmaDetector(long maxGroups) {
        this.maxGroups = Math.max(1, maxGroups);
        Rules none = rules(SigmaEngine.compile(List.of(), LogsourceMappings.standard()), List.of());
        this.rules = none;
        this.matcher = none.engine().newMatcher();
    }

    @Override
    public String id() {
        return ID;
    }

    /** Compiles these rules (the switched-on ones) with the standard log-source mappings and installs them. */
    public void install(Collection<SigmaRule> enabled) {
        install(SigmaEngine.compile(enabled, LogsourceMappings.standard()), enabled);
    }

    /**
     * Installs a rule set: {@code engine} compiled from {@code enabled}, which also holds the correlation rules
     * and the rules they refer to. Any thread; taken at the detector's next call.
     */
    public void install(SigmaEngine engine, Collection<SigmaRule> enabled) {
        pending.set(rules(engine, enabled));
    }

    private static Rules rules(SigmaEngine engine, Collection<SigmaRule> enabled) {
        List<SigmaRule> correlations = enabled.stream().filter(SigmaRule::isCorrelation).toList();
        List<SigmaRule> bases = enabled.stream().filter(r -> !r.isCorrelation()).toList();
        Set<String> counted = Set.copyOf(new SigmaCorrelator(correlations, bases).baseRuleIds());
        return new Rules(engine, correlations, bases, counted, new IdentityHashMap<>());
    }

    /** Takes a rule set {@link #install} handed over: new correlators, carrying the windows of the rules kept. */
    private void takePending() {
        if (pending.get() == null) {
            return;
        }
        Rules next = pending.getAndSet(null);
        if (next == null) {
            return;
        }
        Map<TenantId, byte[]> carried = new LinkedHashMap<>();
        companies.forEach((tenant, c) -> carried.put(tenant, write(c.correlator)));
        rules = next;
        matcher = next.engine().newMatcher();
        installed = true;
        companies.clear();
        last = null;
        if (parked != null) {
            byte[] p = parked;
            parked = null;
            restore(p);
            return;
        }
        carried.forEach((tenant, state) -> read(tenant, state, companies));
        shareGroupBudget();
    }

    @Override
    public void detect(SecurityEvent event, DetectionSink sink) {
        takePending();
        if (event.tenant() == null) {
            return;
        }
        List<SigmaRule> matched = matcher.match(event);
        if (matched.isEmpty()) {
            return;
        }
        Rules rs = rules;
        for (SigmaRule r : matched) {
            Made m = made(rs, r);
            sink.accept(new Detection(event.tenant(), event.device(), event.timestampMillis(), ID, r.id(), r.title(),
                    r.severity(), m.category(), event, m.credit()));
        }
        if (rs.counted().isEmpty()) {
            return;
        }
        Company company = null;
        for (SigmaRule r : matched) {
            if (!rs.counted().contains(r.id())) {
                continue;
            }
            if (company == null) {
                company = company(event.tenant());
            }
            for (SigmaCorrelator.Fired fired : company.correlator.onMatch(r, event)) {
                sink.accept(new Detection(event.tenant(), event.device(), fired.timestampMillis(), ID,
                        fired.rule().id(), fired.rule().title(), fired.rule().severity(),
                        SigmaCategories.of(fired.rule()), event, correlationContext(fired)));
            }
        }
    }

    private static Made made(Rules rs, SigmaRule r) {
        Made m = rs.made().get(r);
        if (m == null) {
            m = new Made(Map.copyOf(credit(r)), SigmaCategories.of(r));
            rs.made().put(r, m);
        }
        return m;
    }

    private Company company(TenantId tenant) {
        Company c = companies.get(tenant);
        if (c == null) {
            c = new Company(new SigmaCorrelator(rules.correlations(), rules.bases()));
            companies.put(tenant, c);
            last = null;
            shareGroupBudget();
        }
        return c;
    }

    /**
     * Closes the correlation windows that ended by {@code eventTimeMillis} (the newest event time seen: replayed
     * old logs close their windows in their own time) and hands over the correlations decided only then
     * ({@code lt}, {@code lte}: "fewer than N"). They carry no single event as evidence. A company left without
     * an open window is forgotten.
     */
    @Override
    public void advance(long eventTimeMillis, DetectionSink sink) {
        takePending();
        boolean forgot = false;
        for (var it = companies.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            SigmaCorrelator correlator = e.getValue().correlator;
            for (SigmaCorrelator.Fired fired : correlator.advance(eventTimeMillis)) {
                sink.accept(new Detection(e.getKey(), null, fired.timestampMillis(), ID, fired.rule().id(),
                        fired.rule().title(), fired.rule().severity(), SigmaCategories.of(fired.rule()), null,
                        correlationContext(fired)));
            }
            if (correlator.isEmpty()) {
                it.remove();
                forgot = true;
            }
        }
        if (forgot) {
            last = null;
            shareGroupBudget();
        }
    }

    /**
     * One total bound on correlation groups over all companies (nothing in memory grows with the number of
     * companies without a bound): each company's correlator gets an equal share, re-divided when one comes or goes.
     */
    private void shareGroupBudget() {
        int share = (int) Math.min(Integer.MAX_VALUE,
                Math.max(MIN_GROUPS_PER_COMPANY, maxGroups / Math.max(1, companies.size())));
        companies.values().forEach(c -> c.correlator.maxGroups(share));
    }

    /** Correlation groups held now, over all companies. */
    public int groups() {
        takePending();
        int n = 0;
        for (Company c : companies.values()) {
            n += c.correlator.groups();
        }
        return n;
    }

    /**
     * The open correlation windows: magic, {@value #FORMAT_VERSION}, the number of companies, then per company its
     * id and its correlator's state. The same array as the last call while nothing changed (do not modify it).
     */
    @Override
    public byte[] snapshot() {
        takePending();
        if (!installed && parked != null) {
            return parked;
        }
        boolean changed = last == null;
        for (Company c : companies.values()) {
            long at = c.correlator.changes();
            if (at != c.writtenAt) {
                c.written = write(c.correlator);
                c.writtenAt = at;
                changed = true;
            }
        }
        if (!changed) {
            return last;
        }
        last = DetectorState.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeInt(companies.size());
            for (Map.Entry<TenantId, Company> e : companies.entrySet()) {
                UUID id = e.getKey().value();
                out.writeLong(id.getMostSignificantBits());
                out.writeLong(id.getLeastSignificantBits());
                out.writeInt(e.getValue().written.length);
                out.write(e.getValue().written);
            }
        });
        return last;
    }

    private static byte[] write(SigmaCorrelator correlator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            correlator.writeState(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /**
     * Takes back the windows {@link #snapshot()} wrote, replacing the current ones; the windows of rules no longer
     * loaded (or changed) are dropped. {@code null} means no state.
     *
     * @throws IllegalArgumentException when the data is not a Sigma state of a known version, or is damaged; the
     *                                  detector then keeps what it had
     */
    @Override
    public void restore(byte[] state) {
        takePending();
        if (state == null) {
            companies.clear();
            parked = null;
            last = null;
            return;
        }
        Map<TenantId, byte[]> parts = parse(state);
        if (!installed) {
            // Rules arrive later: check that every part reads, keep the whole until then.
            parts.forEach((tenant, part) -> read(tenant, part, new TreeMap<>(companies.comparator())));
            companies.clear();
            parked = state;
            last = null;
            return;
        }
        TreeMap<TenantId, Company> restored = new TreeMap<>(companies.comparator());
        parts.forEach((tenant, part) -> read(tenant, part, restored));
        companies.clear();
        companies.putAll(restored);
        last = null;
        shareGroupBudget();
    }

    private static Map<TenantId, byte[]> parse(byte[] state) {
        return DetectorState.read(state, "Sigma state", MAGIC, FORMAT_VERSION, in -> {
            Map<TenantId, byte[]> parts = new LinkedHashMap<>();
            int n = DetectorState.count(in);
            for (int i = 0; i < n; i++) {
                TenantId tenant = new TenantId(new UUID(in.readLong(), in.readLong()));
                int length = DetectorState.count(in);
                if (length > in.available()) {
                    throw new IOException("bad length " + length);
                }
                byte[] part = new byte[length];
                in.readFully(part);
                parts.put(tenant, part);
            }
            return parts;
        });
    }

    /** Reads one company's part into a new correlator of the current rules; kept when it has open windows. */
    private void read(TenantId tenant, byte[] part, Map<TenantId, Company> into) {
        SigmaCorrelator c = new SigmaCorrelator(rules.correlations(), rules.bases());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(part))) {
            c.readState(in);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes after the end");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Sigma state: damaged (" + e.getMessage() + ")", e);
        }
        if (!c.isEmpty()) {
            into.put(tenant, new Company(c));
        }
    }

    private static Map<String, String> correlationContext(SigmaCorrelator.Fired fired) {
        Map<String, String> context = new LinkedHashMap<>(credit(fired.rule()));
        context.put("sigma.correlation.count", Long.toString(fired.count()));
        fired.group().forEach((k, v) -> context.put("sigma.correlation.group." + k, v));
        return context;
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
