package jp.sukedachi.ingest.parse.net;

import java.util.HashMap;
import java.util.Map;

/**
 * An immutable {@link JsonFlattener.Schema} built once per format: the source field names a format
 * maps to ECS, each with a slot number, and aliases (another spelling of the same field, kept under
 * the canonical name).
 */
final class FieldSchema implements JsonFlattener.Schema {
    private final Map<String, Integer> slots;
    private final Map<String, String> aliases;
    private final int slotCount;

    private FieldSchema(Map<String, Integer> slots, Map<String, String> aliases, int slotCount) {
        this.slots = Map.copyOf(slots);
        this.aliases = Map.copyOf(aliases);
        this.slotCount = slotCount;
    }

    @Override
    public String canonical(String path) {
        String alias = aliases.get(path);
        return alias == null ? path : alias;
    }

    @Override
    public int slot(String canonical) {
        Integer slot = slots.get(canonical);
        return slot == null ? -1 : slot;
    }

    @Override
    public int slotCount() {
        return slotCount;
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final Map<String, Integer> slots = new HashMap<>();
        private final Map<String, String> aliases = new HashMap<>();
        private int next;

        /** Maps these names to {@code slot} (several spellings may share one slot). */
        Builder slot(int slot, String... names) {
            for (String name : names) {
                slots.put(name, slot);
            }
            next = Math.max(next, slot + 1);
            return this;
        }

        /** Keeps {@code alias} under {@code canonical} (which may have a slot). */
        Builder alias(String alias, String canonical) {
            aliases.put(alias, canonical);
            return this;
        }

        FieldSchema build() {
            return new FieldSchema(slots, aliases, next);
        }
    }
}
