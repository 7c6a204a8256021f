package jp.sukedachi.ingest.parse.windows;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Streaming readers for the three JSON layouts of a Windows event, all feeding one {@link WinRecord}:
 * <ul>
 *   <li>evtx_dump: {@code {"Event":{"System":{…},"EventData":{…}|"UserData":{…}}}}, XML attributes under
 *       {@code #attributes} (or {@code @Name}), values under {@code #text};</li>
 *   <li>Winlogbeat/HELK: EventData names at the top level next to {@code EventID}, {@code Channel},
 *       {@code Hostname}, or nested as {@code winlog.event_data};</li>
 *   <li>Wazuh eventchannel: {@code {"win":{"system":{…},"eventdata":{…}}}} with lower-camel names and
 *       backslashes escaped once more than JSON needs.</li>
 * </ul>
 * One instance per parser (it caches derived names); not thread-safe.
 */
final class WinJson {
    /** Real events nest 4 or 5 deep; a low limit rejects deeply nested garbage early. */
    private static final int MAX_DEPTH = 32;
    /** EventData objects inside EventData (UserData wrappers) are flattened only this deep. */
    private static final int MAX_FLATTEN = 4;
    /** Bounds the per-parser name caches, so hostile input cannot grow them without end. */
    private static final int MAX_CACHED_NAMES = 512;

    private final WinRecord r;
    private final StringBuilder unnamedData = new StringBuilder();
    private final Map<String, String> wazuhNames = new HashMap<>();

    WinJson(WinRecord record) {
        this.r = record;
    }

    static JsonFactory newFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
    }

    /** Top level of a Windows record; the layout shows in the keys, so no pre-scan is needed. */
    void readTop(JsonParser p) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "Event" -> {
                    if (t == JsonToken.START_OBJECT) {
                        readEvtxEvent(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "win" -> readWazuhWin(p, t);
                case "winlog" -> readWinlogbeat(p, t);
                // Winlogbeat/HELK flat layout: System fields under their own names …
                case "EventID" -> r.eventId(scalar(p, t));
                case "Channel" -> r.channel(scalar(p, t));
                case "Hostname", "Computer" -> r.computer(scalar(p, t));
                case "SourceName", "Provider_Name" -> r.provider(scalar(p, t));
                case "@timestamp" -> r.time(scalar(p, t));
                case "TimeCreated" -> r.zonedTime(scalar(p, t));
                case "Message", "message" -> r.message(scalar(p, t));
                case "host" -> readHost(p, t);
                // … shipper bookkeeping (NXLog, Logstash) that is not part of the event …
                case "@version", "ProviderGuid", "Level", "Keywords", "Task", "Opcode", "OpcodeValue", "Version",
                        "RecordNumber", "EventRecordID", "ExecutionProcessID", "ThreadID", "EventReceivedTime",
                        "EventTime", "SourceModuleName", "SourceModuleType", "port", "SeverityValue", "Severity",
                        "tags", "Category", "ActivityID", "EventTypeOrignal" -> p.skipChildren();
                // … and every other scalar is an EventData field.
                default -> {
                    String v = scalar(p, t);
                    if (v != null) {
                        r.field(WindowsNames.canonical(name), v);
                    }
                }
            }
        }
    }

    // --- evtx_dump ---

    private void readEvtxEvent(JsonParser p) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT && name.equals("System")) {
                readEvtxSystem(p);
            } else if (t == JsonToken.START_OBJECT && (name.equals("EventData") || name.equals("UserData"))) {
                readEventData(p);
            } else {
                p.skipChildren();
            }
        }
    }

    private void readEvtxSystem(JsonParser p) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "Provider" -> r.provider(attribute(p, t, "Name"));
                // EventID is a number, or {"#attributes":{"Qualifiers":…},"#text":7045}.
                case "EventID" -> r.eventId(attribute(p, t, "#text"));
                case "Channel" -> r.channel(attribute(p, t, "#text"));
                case "Computer" -> r.computer(attribute(p, t, "#text"));
                case "TimeCreated" -> r.time(attribute(p, t, "SystemTime"));
                default -> p.skipChildren();
            }
        }
    }

    /**
     * The value of an XML attribute or text node: {@code {"#attributes":{wanted:…}}}, {@code {"@wanted":…}},
     * {@code {wanted:…}}, or the value itself when it is a scalar.
     */
    private String attribute(JsonParser p, JsonToken t, String wanted) {
        if (t != JsonToken.START_OBJECT) {
            return scalar(p, t);
        }
        String found = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT && name.equals("#attributes")) {
                String inner;
                while ((inner = p.nextName()) != null) {
                    JsonToken iv = p.nextToken();
                    String s = scalar(p, iv);
                    if (found == null && inner.equals(wanted)) {
                        found = s;
                    }
                }
            } else if (found == null && (name.equals(wanted) || isAt(name, wanted))) {
                found = scalar(p, v);
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private static boolean isAt(String name, String wanted) {
        return name.length() == wanted.length() + 1 && name.charAt(0) == '@' && name.endsWith(wanted);
    }

    /** EventData or UserData (also Winlogbeat's event_data): named fields, Data elements, nested wrappers. */
    private void readEventData(JsonParser p) {
        unnamedData.setLength(0);
        readDataObject(p, 0, null);
        if (!unnamedData.isEmpty()) {
            r.field(WindowsNames.DATA, unnamedData.toString());
        }
    }

    private void readDataObject(JsonParser p, int depth, String parentName) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("#attributes") || name.equals("xmlns")) {
                p.skipChildren();
            } else if (name.equals("Data")) {
                readData(p, t);
            } else if (name.equals("#text")) {
                // A named element with attributes: {"Binary":{"#attributes":…,"#text":"…"}}.
                String v = joined(p, t);
                if (parentName != null) {
                    r.field(parentName, v);
                } else {
                    appendUnnamed(v);
                }
            } else if (t == JsonToken.START_OBJECT) {
                // UserData wraps its fields in one element ({"Operation_ClientFailure":{…}}): flatten.
                if (depth < MAX_FLATTEN) {
                    readDataObject(p, depth + 1, WindowsNames.canonical(name));
                } else {
                    p.skipChildren();
                }
            } else {
                String v = joined(p, t);
                if (v != null) {
                    r.field(WindowsNames.canonical(name), v);
                }
            }
        }
    }

    /**
     * A {@code Data} value: named ({@code {"#attributes":{"Name":"X"},"#text":"v"}}, or an array of those) or
     * unnamed (classic PowerShell and System events), which are joined by newlines into one {@code Data} field.
     */
    private void readData(JsonParser p, JsonToken t) {
        if (t == JsonToken.START_ARRAY) {
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
                if (e == JsonToken.START_OBJECT) {
                    readDataElement(p);
                } else {
                    appendUnnamed(scalar(p, e));
                }
            }
        } else if (t == JsonToken.START_OBJECT) {
            readDataElement(p);
        } else {
            appendUnnamed(scalar(p, t));
        }
    }

    private void readDataElement(JsonParser p) {
        String dataName = null;
        String text = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("#attributes") && t == JsonToken.START_OBJECT) {
                String inner;
                while ((inner = p.nextName()) != null) {
                    JsonToken iv = p.nextToken();
                    String s = scalar(p, iv);
                    if (inner.equals("Name")) {
                        dataName = s;
                    }
                }
            } else if (name.equals("Name") || name.equals("@Name")) {
                dataName = scalar(p, t);
            } else if (name.equals("#text")) {
                text = joined(p, t);
            } else {
                p.skipChildren();
            }
        }
        if (dataName != null && !dataName.isEmpty()) {
            r.field(WindowsNames.canonical(dataName), text);
        } else {
            appendUnnamed(text);
        }
    }

    private void appendUnnamed(String v) {
        if (v == null || v.isEmpty()) {
            return;
        }
        if (!unnamedData.isEmpty()) {
            unnamedData.append('\n');
        }
        unnamedData.append(v);
    }

    /** A scalar, or an array of scalars joined by newlines (evtx_dump's repeated text nodes); else null. */
    private String joined(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_ARRAY) {
            return scalar(p, t);
        }
        String first = null;
        StringBuilder sb = null;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
            String v = scalar(p, e);
            if (v == null) {
                continue;
            }
            if (first == null) {
                first = v;
            } else {
                if (sb == null) {
                    sb = new StringBuilder(first);
                }
                sb.append('\n').append(v);
            }
        }
        return sb != null ? sb.toString() : first;
    }

    // --- Winlogbeat ---

    private void readWinlogbeat(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "event_id" -> r.eventId(scalar(p, v));
                case "channel" -> r.channel(scalar(p, v));
                case "provider_name" -> r.provider(scalar(p, v));
                case "computer_name" -> r.computer(scalar(p, v));
                case "event_data", "user_data" -> {
                    if (v == JsonToken.START_OBJECT) {
                        readEventData(p);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** Logstash/Beats {@code host}: a name, or {@code {"name":…,"hostname":…}}. */
    private void readHost(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            String v = scalar(p, t);
            if (r.hostFallback == null) {
                r.hostFallback = v;
            }
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if (name.equals("name") || name.equals("hostname")) {
                String s = scalar(p, v);
                if (r.hostFallback == null) {
                    r.hostFallback = s;
                }
            } else {
                p.skipChildren();
            }
        }
    }

    // --- Wazuh ---

    /** {@code win} of a Wazuh eventchannel record or of a Wazuh alert's {@code data}. */
    void readWazuhWin(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT && name.equals("system")) {
                readWazuhSystem(p);
            } else if (v == JsonToken.START_OBJECT && name.equals("eventdata")) {
                readWazuhEventData(p);
            } else {
                p.skipChildren();
            }
        }
    }

    private void readWazuhSystem(JsonParser p) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "eventID" -> r.eventId(scalar(p, v));
                case "channel" -> r.channel(scalar(p, v));
                case "providerName" -> r.provider(scalar(p, v));
                case "computer" -> r.computer(scalar(p, v));
                case "systemTime" -> r.time(scalar(p, v));
                case "message" -> r.message(unquote(scalar(p, v)));
                default -> p.skipChildren();
            }
        }
    }

    private void readWazuhEventData(JsonParser p) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            String s = scalar(p, v);
            if (s != null) {
                r.field(wazuhName(name), unescapeWazuh(s));
            }
        }
    }

    /** Wazuh's {@code commandLine} → Windows' {@code CommandLine}; derived names are cached per parser. */
    String wazuhName(String name) {
        String known = WindowsNames.fromWazuhKnown(name);
        if (known != null) {
            return known;
        }
        String cached = wazuhNames.get(name);
        if (cached == null) {
            cached = WindowsNames.canonical(WindowsNames.upperFirst(name));
            if (wazuhNames.size() < MAX_CACHED_NAMES) {
                wazuhNames.put(name, cached);
            }
        }
        return cached;
    }

    /**
     * Wazuh's agent escapes backslashes and quotes in eventdata values once more before JSON-encoding them
     * ({@code C:\\Windows} arrives as {@code C:\\\\Windows}); undo that so values equal the other layouts'.
     */
    static String unescapeWazuh(String s) {
        int i = s.indexOf('\\');
        if (i < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, i);
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\\' || s.charAt(i + 1) == '"')) {
                sb.append(s.charAt(i + 1));
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /** Wazuh wraps system.message in an extra pair of quotes. */
    static String unquote(String s) {
        if (s != null && s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The text of a scalar token; null (after skipping it) for null, objects and arrays. */
    static String scalar(JsonParser p, JsonToken t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getString();
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                yield null;
            }
            default -> null;
        };
    }
}
