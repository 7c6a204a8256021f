package jp.sukedachi.ingest.parse.text;

import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code @cee:} (CEE/Lumberjack) JSON payloads in a syslog MSG. Nested objects are flattened to dotted
 * names, array values joined with commas; all become original fields, and the well-known names
 * (including Windows' EvntSLog/NXLog names) also map to ECS. A payload that is not valid JSON (UDP
 * syslog truncates long lines) keeps the fields read before the error.
 */
final class Cee {
    /** Thread-safe and immutable once built. */
    private static final JsonFactory JSON = new JsonFactory();

    private Cee() {
    }

    static void parse(TextParser p, String s, int from, SecurityEvent.Builder b) {
        KeyValues kv = p.kv;
        int first = kv.size();
        try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), s.substring(from))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            StringBuilder path = new StringBuilder(32);
            int[] stack = new int[32];
            int depth = 0;
            String name = null;
            JsonToken t;
            while ((t = json.nextToken()) != null) {
                switch (t) {
                    case PROPERTY_NAME -> name = json.currentName();
                    case START_OBJECT -> {
                        if (depth == stack.length) {
                            json.skipChildren();
                            continue;
                        }
                        stack[depth++] = path.length();
                        path.append(name).append('.');
                    }
                    case END_OBJECT -> {
                        if (depth == 0) {
                            break;
                        }
                        path.setLength(stack[--depth]);
                    }
                    case START_ARRAY -> {
                        StringBuilder joined = new StringBuilder();
                        JsonToken a;
                        while ((a = json.nextToken()) != JsonToken.END_ARRAY && a != null) {
                            if (a.isScalarValue()) {
                                if (!joined.isEmpty()) {
                                    joined.append(',');
                                }
                                joined.append(json.getString());
                            } else {
                                json.skipChildren();
                            }
                        }
                        kv.add(key(kv, path, name), joined.toString());
                    }
                    default -> {
                        if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                            kv.add(key(kv, path, name), json.getString());
                        }
                    }
                }
            }
        } catch (JacksonException e) {
            kv.add("cee.error", "invalid or truncated @cee JSON");
        }
        map(kv, first, b);
    }

    private static String key(KeyValues kv, StringBuilder path, String name) {
        if (path.isEmpty()) {
            return name == null ? "value" : name;
        }
        String full = path + (name == null ? "value" : name);
        return kv.intern(full, 0, full.length());
    }

    private static void map(KeyValues kv, int from, SecurityEvent.Builder b) {
        boolean windows = kv.get("nteventlogtype") != null;
        for (int i = from; i < kv.size(); i++) {
            String v = kv.value(i);
            switch (kv.key(i)) {
                case "msg", "message" -> b.set(Ecs.MESSAGE, v);
                case "pid" -> b.set(Ecs.PROCESS_PID, v);
                case "pname", "proc", "process" -> b.set(Ecs.PROCESS_NAME, v);
                case "uname", "user", "username" -> b.set(Ecs.USER_NAME, Fields.value(v));
                case "hostname" -> b.set(Ecs.HOST_NAME, v);
                case "src_ip", "srcip" -> Fields.ip(b, Ecs.SOURCE_IP, v);
                case "dst_ip", "dstip" -> Fields.ip(b, Ecs.DESTINATION_IP, v);
                case "src_port", "srcport" -> Fields.port(b, Ecs.SOURCE_PORT, v);
                case "dst_port", "dstport" -> Fields.port(b, Ecs.DESTINATION_PORT, v);
                case "action" -> b.set(Ecs.EVENT_ACTION, v);
                case "id", "EventID" -> {
                    b.set(Ecs.EVENT_CODE, v);
                    if (windows) {
                        b.set(Ecs.WINLOG_EVENT_ID, v);
                    }
                }
                case "nteventlogtype", "Channel" -> b.set(Ecs.WINLOG_CHANNEL, v);
                case "sourceproc", "SourceName" -> b.set(Ecs.WINLOG_PROVIDER, v);
                default -> {
                    // original only
                }
            }
        }
    }
}
