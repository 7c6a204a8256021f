package jp.sukedachi.intel.feed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one JSON value from a streaming parser into plain maps, lists, strings, numbers and booleans;
 * used for one STIX object or one MISP event at a time. Each map also holds the line it starts on
 * under {@link #LINE}.
 */
final class JsonTree {
    /** Key of the start line in every map read (a key no JSON document uses). */
    static final String LINE = "\u0000line";
    static final int MAX_DEPTH = 200;

    private JsonTree() {
    }

    /** The value at the parser's current token; leaves the parser on its last token. */
    static Object read(JsonParser p) {
        return read(p, 0);
    }

    private static Object read(JsonParser p, int depth) {
        JsonToken t = p.currentToken();
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
        }
        if (t == null) {
            return null;
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(LINE, p.currentTokenLocation().getLineNr());
                String name;
                while ((name = p.nextName()) != null) {
                    p.nextToken();
                    m.put(name, read(p, depth + 1));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new IllegalArgumentException("unexpected end of JSON");
                    }
                    l.add(read(p, depth + 1));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getString();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    static String str(Object o) {
        if (o == null || o instanceof Map || o instanceof List) {
            return null;
        }
        return o.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    static int line(Map<String, Object> m, int fallback) {
        return m.get(LINE) instanceof Integer i ? i : fallback;
    }

    static boolean truthy(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = str(o);
        return s != null && (s.equalsIgnoreCase("true") || s.equals("1"));
    }
}
