package jp.sukedachi.ingest.parse.net;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams one JSON object (an EVE or Zeek JSON record) into flat, dot-joined leaf fields with
 * Jackson's token parser: no tree, no binding. One instance per {@link jp.sukedachi.ingest.parse.RecordParser},
 * reused for every record of the stream.
 *
 * <p>Flattening rules (the same for every JSON format in this package):
 * <ul>
 * <li>nested object keys are joined with dots: {@code {"alert":{"signature":"x"}}} gives {@code alert.signature};
 * <li>arrays carry no index; all values that land on the same path inside one array are joined with a
 * comma, in order: {@code "rcpt_to":["<a>","<b>"]} gives {@code smtp.rcpt_to = <a>,<b>} and
 * {@code "answers":[{"rdata":"1.1.1.1"},{"rdata":"2.2.2.2"}]} gives {@code dns.answers.rdata = 1.1.1.1,2.2.2.2}.
 * The comma matches Zeek's TSV set separator, so TSV and JSON Zeek logs flatten alike. Detection rules
 * see every element; the ECS slots (below) take the first one;
 * <li>{@code null} values and empty strings are dropped; numbers and booleans keep their JSON text.
 * </ul>
 *
 * <p>Paths are cached per stream in a small trie keyed by Jackson's canonicalised (shared) property
 * names, so a steady stream of records allocates no path strings. Each path node also knows its
 * "slot": the index of a field the format maps to ECS, so the format reads values from an array
 * instead of comparing names.
 */
final class JsonFlattener {
    /** Nesting beyond this is not a sensor record; refusing it bounds the work per record. */
    static final int MAX_DEPTH = 32;
    /** Original fields kept per record; beyond it only ECS slots are filled (raw keeps everything). */
    static final int MAX_FIELDS = 1024;
    /** Cap on one comma-joined array value, so a hostile array cannot grow a field without bound. */
    static final int MAX_JOINED_CHARS = 32 * 1024;
    /** Cap on cached paths per stream; keys beyond it (random keys from bad input) are not cached. */
    private static final int MAX_CACHED_PATHS = 4096;

    /** Maps a flattened path to its name as kept in the event and to an ECS slot. Immutable. */
    interface Schema {
        /** The name the field is kept under (an alias's canonical name, else {@code path} itself). */
        String canonical(String path);

        /** The slot of a canonical name, or -1. */
        int slot(String canonical);

        int slotCount();
    }

    /** A cached path: the dotted name, its slot and its children by (shared) property name. */
    static final class Node {
        final String path;
        final int slot;
        private Map<String, Node> children;
        /** Where this path's value sits in the current record's fields, valid when {@code stamp} matches. */
        private int entry;
        private long stamp = -1;

        Node(String path, int slot) {
            this.path = path;
            this.slot = slot;
        }
    }

    private final JsonFactory factory;
    private final Schema schema;
    private final Node root = new Node("", -1);
    private int cachedPaths;

    // Per-record scratch, reused.
    final String[] slots;
    private Node[] names = new Node[64];
    private Object[] values = new Object[64]; // String, or StringBuilder once joined
    private int count;
    private long recordStamp;
    private final Node[] stack = new Node[MAX_DEPTH + 1];
    private final boolean[] inArray = new boolean[MAX_DEPTH + 1];

    JsonFlattener(JsonFactory factory, Schema schema) {
        this.factory = factory;
        this.schema = schema;
        this.slots = new String[schema.slotCount()];
    }

    /**
     * Flattens one record. Afterwards {@link #slots} holds the first value of each mapped field and
     * {@link #emitOriginals} copies every field into an event.
     */
    void parse(String record) throws MalformedRecordException {
        Arrays.fill(slots, null);
        Arrays.fill(names, 0, count, null);
        Arrays.fill(values, 0, count, null);
        count = 0;
        recordStamp++;
        int bom = record.startsWith("\uFEFF") ? 1 : 0; // a BOM from a file's first line is not JSON
        try (JsonParser p = bom == 0 ? factory.createParser(record) : factory.createParser(record.substring(bom))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRecordException("not a JSON object");
            }
            walk(p);
            if (p.nextToken() != null) {
                throw new MalformedRecordException("content after the JSON object");
            }
        } catch (JacksonException e) {
            throw new MalformedRecordException("invalid JSON: " + shortReason(e));
        }
    }

    private void walk(JsonParser p) throws MalformedRecordException {
        int depth = 0;
        int arrayDepth = 0;
        int arrayStart = 0; // first field index added inside the outermost open array
        stack[0] = root;
        inArray[0] = false;
        Node pending = root;
        while (true) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedRecordException("truncated JSON");
            }
            switch (t) {
                case PROPERTY_NAME -> pending = child(stack[depth], p.currentName());
                case START_OBJECT, START_ARRAY -> {
                    if (depth == MAX_DEPTH) {
                        throw new MalformedRecordException("JSON nested deeper than " + MAX_DEPTH);
                    }
                    Node node = inArray[depth] ? stack[depth] : pending;
                    depth++;
                    stack[depth] = node;
                    boolean array = t == JsonToken.START_ARRAY;
                    inArray[depth] = array;
                    if (array && arrayDepth++ == 0) {
                        arrayStart = count;
                    }
                }
                case END_OBJECT, END_ARRAY -> {
                    if (depth == 0) {
                        return;
                    }
                    if (inArray[depth]) {
                        arrayDepth--;
                    }
                    depth--;
                }
                case VALUE_NULL -> {
                    // dropped, like an unset Zeek field
                }
                default -> leaf(inArray[depth] ? stack[depth] : pending, p.getString(), arrayDepth > 0, arrayStart);
            }
        }
    }

    private Node child(Node parent, String name) {
        Map<String, Node> children = parent.children;
        Node node = children == null ? null : children.get(name);
        if (node != null) {
            return node;
        }
        String path = parent == root ? name : parent.path + '.' + name;
        String canonical = schema.canonical(path);
        node = new Node(canonical, schema.slot(canonical));
        if (cachedPaths < MAX_CACHED_PATHS) {
            if (children == null) {
                children = new HashMap<>();
                parent.children = children;
            }
            children.put(name, node);
            cachedPaths++;
        }
        return node;
    }

    private void leaf(Node node, String value, boolean inAnyArray, int arrayStart) {
        if (value == null || value.isEmpty() || node == root) {
            return;
        }
        if (node.slot >= 0 && slots[node.slot] == null) {
            slots[node.slot] = value;
        }
        if (inAnyArray && node.stamp == recordStamp && node.entry >= arrayStart) {
            join(node.entry, value); // O(1): the node remembers its entry, no scan
            return;
        }
        if (count == MAX_FIELDS) {
            return;
        }
        node.stamp = recordStamp;
        node.entry = count;
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        names[count] = node;
        values[count] = value;
        count++;
    }

    private void join(int i, String value) {
        StringBuilder sb;
        if (values[i] instanceof StringBuilder existing) {
            sb = existing;
        } else {
            String first = (String) values[i];
            sb = new StringBuilder(first.length() + value.length() + 16).append(first);
            values[i] = sb;
        }
        if (sb.length() + 1 + value.length() <= MAX_JOINED_CHARS) {
            sb.append(',').append(value);
        }
    }

    /** Copies every flattened field into the event under its (canonical) original name. */
    void emitOriginals(SecurityEvent.Builder b) {
        for (int i = 0; i < count; i++) {
            b.original(names[i].path, values[i].toString());
        }
    }

    /** Jackson's message without the location suffix, shortened for the quarantine list. */
    static String shortReason(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m.length() > 120 ? m.substring(0, 120) + "…" : m;
    }
}
