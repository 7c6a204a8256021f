package jp.sukedachi.event;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One normalised log record: who it belongs to (tenant, device), when it happened and arrived,
 * the {@link Ecs} fields parsers could fill, the source's own field names (Sigma rules match those,
 * e.g. {@code CommandLine}, {@code Image}), and the raw text.
 *
 * <p>Compact by design: fields live in flat name/value arrays (typically 10–40 entries) rather than
 * hash maps, names are the shared {@link Ecs} constants or the parser's interned keys, and lookups are
 * a short scan that tries reference equality first. Immutable; build with {@link #builder}.
 */
public final class SecurityEvent {
    private static final String[] EMPTY = new String[0];

    private final TenantId tenant;
    private final DeviceId device;
    private final long timestampMillis;
    private final long receivedMillis;
    private final String format;
    private final String raw;
    /** Alternating name, value. */
    private final String[] ecs;
    /** Alternating original name, value. */
    private final String[] original;
    /**
     * The bytes this event was decoded from ({@link EventCodec#decode}), else null: encoding it again (the
     * recent-events view keeps every consumed event encoded) then costs nothing.
     */
    byte[] encoded;

    private SecurityEvent(Builder b) {
        this.tenant = b.tenant;
        this.device = b.device;
        this.receivedMillis = b.receivedMillis;
        this.timestampMillis = b.timestampMillis == Long.MIN_VALUE ? b.receivedMillis : b.timestampMillis;
        this.format = Objects.requireNonNull(b.format, "format");
        this.raw = b.raw;
        this.ecs = b.ecsSize == 0 ? EMPTY : Arrays.copyOf(b.ecs, b.ecsSize);
        this.original = b.originalSize == 0 ? EMPTY : Arrays.copyOf(b.original, b.originalSize);
    }

    /** {@link #withOwner}: the same fields (the arrays are never changed after construction, so they are shared). */
    private SecurityEvent(SecurityEvent e, TenantId tenant, DeviceId device, long timestampMillis, long receivedMillis) {
        this.tenant = tenant;
        this.device = device;
        this.timestampMillis = timestampMillis;
        this.receivedMillis = receivedMillis;
        this.format = e.format;
        this.raw = e.raw;
        this.ecs = e.ecs;
        this.original = e.original;
    }

    /**
     * For {@link EventCodec#decode} only: the arrays are taken as they are (alternating name, value; names unique,
     * values neither null nor empty, as every encoded event had them) and must not change afterwards.
     */
    SecurityEvent(TenantId tenant, DeviceId device, long timestampMillis, long receivedMillis, String format,
            String raw, String[] ecs, String[] original) {
        this.tenant = tenant;
        this.device = device;
        this.timestampMillis = timestampMillis;
        this.receivedMillis = receivedMillis;
        this.format = Objects.requireNonNull(format, "format");
        this.raw = raw;
        this.ecs = ecs.length == 0 ? EMPTY : ecs;
        this.original = original.length == 0 ? EMPTY : original;
    }

    public static Builder builder(String format) {
        return new Builder(format);
    }

    public TenantId tenant() {
        return tenant;
    }

    public DeviceId device() {
        return device;
    }

    /** When the event happened, by the source's clock (falls back to the receive time). */
    public long timestampMillis() {
        return timestampMillis;
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis);
    }

    /** When Sukedachi received it. */
    public long receivedMillis() {
        return receivedMillis;
    }

    /** The parser that produced it, e.g. {@code suricata-eve}, {@code zeek}, {@code syslog}. */
    public String format() {
        return format;
    }

    public String raw() {
        return raw;
    }

    /** An ECS field's value, or null. */
    public String get(String ecsName) {
        return find(ecs, ecsName);
    }

    /** A field under the source's own name (e.g. Sysmon's {@code CommandLine}), or null. */
    public String original(String name) {
        return find(original, name);
    }

    public int ecsFieldCount() {
        return ecs.length / 2;
    }

    public int originalFieldCount() {
        return original.length / 2;
    }

    /** ECS fields in insertion order; allocates, so for display and tests, not the hot path. */
    public Map<String, String> ecsFields() {
        return toMap(ecs);
    }

    public Map<String, String> originalFields() {
        return toMap(original);
    }

    /** Visits ECS fields without allocating. */
    public void forEachEcs(FieldVisitor visitor) {
        for (int i = 0; i < ecs.length; i += 2) {
            visitor.field(ecs[i], ecs[i + 1]);
        }
    }

    /**
     * The {@code i}-th original field's name ({@code 0 <= i < originalFieldCount()}), in insertion order: for loops hot
     * enough that a visitor's interface call per field shows (the Sigma matcher visits every field of every event).
     */
    public String originalName(int i) {
        return original[2 * i];
    }

    /** The {@code i}-th original field's value: see {@link #originalName(int)}. */
    public String originalValue(int i) {
        return original[2 * i + 1];
    }

    public void forEachOriginal(FieldVisitor visitor) {
        for (int i = 0; i < original.length; i += 2) {
            visitor.field(original[i], original[i + 1]);
        }
    }

    /** A field name and its value. */
    @FunctionalInterface
    public interface FieldVisitor {
        void field(String name, String value);
    }

    /** The same event with tenant and device set (receivers stamp them after parsing). */
    public SecurityEvent withOwner(TenantId tenantId, DeviceId deviceId, long received) {
        // No timestamp of its own (it fell back to the parse time): it falls back to the new receive time instead.
        long ts = this.timestampMillis == this.receivedMillis ? received : this.timestampMillis;
        return new SecurityEvent(this, tenantId, deviceId, ts, received);
    }

    /** Alternating ECS name, value: for {@link EventCodec} only, which must not change it. */
    String[] ecsPairs() {
        return ecs;
    }

    /** Alternating original name, value: for {@link EventCodec} only, which must not change it. */
    String[] originalPairs() {
        return original;
    }

    public Builder toBuilder() {
        Builder b = new Builder(format);
        b.tenant = tenant;
        b.device = device;
        b.timestampMillis = timestampMillis;
        b.receivedMillis = receivedMillis;
        b.raw = raw;
        b.ecs = Arrays.copyOf(ecs, Math.max(8, ecs.length));
        b.ecsSize = ecs.length;
        b.original = Arrays.copyOf(original, Math.max(8, original.length));
        b.originalSize = original.length;
        return b;
    }

    private static String find(String[] pairs, String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == name) {
                return pairs[i + 1];
            }
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    private static Map<String, String> toMap(String[] pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityEvent e && timestampMillis == e.timestampMillis && receivedMillis == e.receivedMillis
                && Objects.equals(tenant, e.tenant) && Objects.equals(device, e.device) && format.equals(e.format)
                && Objects.equals(raw, e.raw) && Arrays.equals(ecs, e.ecs) && Arrays.equals(original, e.original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, device, timestampMillis, format, raw);
    }

    @Override
    public String toString() {
        return "SecurityEvent[" + format + " " + timestamp() + " " + ecsFields() + "]";
    }

    /** Collects fields; a null or empty value is skipped, so parsers need not check. */
    public static final class Builder {
        private final String format;
        private TenantId tenant;
        private DeviceId device;
        private long timestampMillis = Long.MIN_VALUE;
        private long receivedMillis = System.currentTimeMillis();
        private String raw;
        private String[] ecs = new String[32];
        private int ecsSize;
        private String[] original = new String[32];
        private int originalSize;

        private Builder(String format) {
            this.format = format;
        }

        public Builder tenant(TenantId value) {
            this.tenant = value;
            return this;
        }

        public Builder device(DeviceId value) {
            this.device = value;
            return this;
        }

        public Builder timestamp(long epochMillis) {
            this.timestampMillis = epochMillis;
            return this;
        }

        public Builder received(long epochMillis) {
            this.receivedMillis = epochMillis;
            return this;
        }

        public Builder raw(String value) {
            this.raw = value;
            return this;
        }

        /** Sets an ECS field; a later value for the same name replaces the earlier one. */
        public Builder set(String ecsName, String value) {
            if (value == null || value.isEmpty()) {
                return this;
            }
            for (int i = 0; i < ecsSize; i += 2) {
                if (ecs[i].equals(ecsName)) {
                    ecs[i + 1] = value;
                    return this;
                }
            }
            if (ecsSize == ecs.length) {
                ecs = Arrays.copyOf(ecs, ecs.length * 2);
            }
            ecs[ecsSize++] = ecsName;
            ecs[ecsSize++] = value;
            return this;
        }

        public Builder set(String ecsName, long value) {
            return set(ecsName, Long.toString(value));
        }

        /** Keeps a field under the source's own name. */
        public Builder original(String name, String value) {
            if (value == null || value.isEmpty()) {
                return this;
            }
            if (originalSize == original.length) {
                original = Arrays.copyOf(original, original.length * 2);
            }
            original[originalSize++] = name;
            original[originalSize++] = value;
            return this;
        }

        public String get(String ecsName) {
            for (int i = 0; i < ecsSize; i += 2) {
                if (ecs[i].equals(ecsName)) {
                    return ecs[i + 1];
                }
            }
            return null;
        }

        public SecurityEvent build() {
            return new SecurityEvent(this);
        }
    }
}
