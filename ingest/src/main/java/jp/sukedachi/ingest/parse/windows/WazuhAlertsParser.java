package jp.sukedachi.ingest.parse.windows;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.ingest.parse.Times;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses Wazuh alerts. Originals keep Wazuh's dotted names ({@code rule.level}, {@code agent.name},
 * {@code data.srcip}); a Windows event in {@code data.win} is read exactly as the {@code windows} format reads
 * Wazuh eventchannel records, so its fields carry the Windows names Sigma rules use. Not thread-safe.
 */
final class WazuhAlertsParser implements RecordParser {
    static final String RULE_ID = "rule.id";
    static final String RULE_LEVEL = "rule.level";
    static final String RULE_DESCRIPTION = "rule.description";
    static final String RULE_GROUPS = "rule.groups";
    static final String RULE_MITRE_ID = "rule.mitre.id";
    static final String AGENT_ID = "agent.id";
    static final String AGENT_NAME = "agent.name";
    static final String AGENT_IP = "agent.ip";
    static final String MANAGER_NAME = "manager.name";
    static final String DECODER_NAME = "decoder.name";
    static final String DECODER_PARENT = "decoder.parent";
    static final String LOCATION = "location";
    static final String SYSCHECK_PATH = "syscheck.path";
    static final String SYSCHECK_EVENT = "syscheck.event";
    private static final int MAX_CACHED_NAMES = 512;

    private final JsonFactory json;
    private final WinRecord win = new WinRecord();
    private final WinJson winReader = new WinJson(win);
    private final Consumer<JsonParser> body = this::readAlert;
    /** {@code data.<key>} names, built once per key and stream. */
    private final Map<String, String> dataNames = new HashMap<>();
    private final StringBuilder join = new StringBuilder();

    // Per record.
    private SecurityEvent.Builder b;
    private boolean hasRule;
    private String timestamp;
    private String agentName;
    private String agentIp;
    private String fullLog;
    private String srcIp;
    private String dstIp;
    private String srcPort;
    private String dstPort;
    private String srcUser;
    private String dstUser;

    WazuhAlertsParser(JsonFactory json) {
        this.json = json;
    }

    @Override
    public SecurityEvent parse(String text, long receivedMillis) throws MalformedRecordException {
        if (text == null || text.isBlank()) {
            return null;
        }
        b = SecurityEvent.builder(WazuhAlertsFormat.ID).received(receivedMillis).raw(text);
        win.reset(b);
        hasRule = false;
        timestamp = agentName = agentIp = fullLog = null;
        srcIp = dstIp = srcPort = dstPort = srcUser = dstUser = null;
        WindowsEventParser.readDocument(json, text, body);
        if (!hasRule) {
            throw new MalformedRecordException("not a Wazuh alert: no rule object");
        }
        if (win.hasEvent()) {
            win.finishEcs(); // Windows ECS first; the alert's own fields below take precedence where both exist
        } else {
            b.set(Ecs.EVENT_MODULE, "wazuh");
        }
        b.set(Ecs.EVENT_KIND, "alert");
        b.set(Ecs.EVENT_DATASET, "wazuh.alerts");
        b.set(Ecs.OBSERVER_PRODUCT, "Wazuh");
        long ts = Times.parseIso(timestamp);
        if (ts != Times.INVALID) {
            b.timestamp(ts);
            b.set(Ecs.TIMESTAMP, Instant.ofEpochMilli(ts).toString());
        }
        b.set(Ecs.HOST_NAME, agentName);
        b.set(Ecs.HOST_IP, WinRecord.ip(agentIp));
        b.set(Ecs.MESSAGE, fullLog);
        setIfAbsent(Ecs.SOURCE_IP, WinRecord.ip(srcIp));
        setIfAbsent(Ecs.DESTINATION_IP, WinRecord.ip(dstIp));
        setIfAbsent(Ecs.SOURCE_PORT, WinRecord.port(srcPort));
        setIfAbsent(Ecs.DESTINATION_PORT, WinRecord.port(dstPort));
        setIfAbsent(Ecs.USER_NAME, WinRecord.present(srcUser != null ? srcUser : dstUser));
        return b.build();
    }

    private void setIfAbsent(String field, String value) {
        if (b.get(field) == null) {
            b.set(field, value);
        }
    }

    private void readAlert(JsonParser p) {
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "timestamp" -> timestamp = WinJson.scalar(p, t);
                case "rule" -> readRule(p, t);
                case "agent" -> readAgent(p, t);
                case "manager" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String n;
                        while ((n = p.nextName()) != null) {
                            String v = WinJson.scalar(p, p.nextToken());
                            if (n.equals("name")) {
                                b.original(MANAGER_NAME, v);
                                b.set(Ecs.OBSERVER_HOSTNAME, v);
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "decoder" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String n;
                        while ((n = p.nextName()) != null) {
                            String v = WinJson.scalar(p, p.nextToken());
                            if (n.equals("name")) {
                                b.original(DECODER_NAME, v);
                            } else if (n.equals("parent")) {
                                b.original(DECODER_PARENT, v);
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "full_log" -> fullLog = WinJson.scalar(p, t);
                case "location" -> b.original(LOCATION, WinJson.scalar(p, t));
                case "data" -> readData(p, t);
                case "syscheck" -> readSyscheck(p, t);
                default -> p.skipChildren();
            }
        }
    }

    private void readRule(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        hasRule = true;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "id" -> {
                    String s = WinJson.scalar(p, v);
                    b.original(RULE_ID, s);
                    b.set(Ecs.RULE_ID, s);
                }
                case "level" -> {
                    String s = WinJson.scalar(p, v);
                    b.original(RULE_LEVEL, s);
                    b.set(Ecs.EVENT_SEVERITY, s);
                }
                case "description" -> {
                    String s = WinJson.scalar(p, v);
                    b.original(RULE_DESCRIPTION, s);
                    b.set(Ecs.RULE_NAME, s);
                }
                case "groups" -> {
                    String s = joinArray(p, v);
                    b.original(RULE_GROUPS, s);
                    b.set(Ecs.RULE_CATEGORY, s);
                }
                case "mitre" -> {
                    if (v == JsonToken.START_OBJECT) {
                        String n;
                        while ((n = p.nextName()) != null) {
                            JsonToken mv = p.nextToken();
                            if (n.equals("id")) {
                                b.original(RULE_MITRE_ID, joinArray(p, mv));
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        b.set(Ecs.RULE_RULESET, "wazuh");
    }

    private void readAgent(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            String v = WinJson.scalar(p, p.nextToken());
            switch (name) {
                case "id" -> b.original(AGENT_ID, v);
                case "name" -> {
                    b.original(AGENT_NAME, v);
                    agentName = v;
                }
                case "ip" -> {
                    b.original(AGENT_IP, v);
                    agentIp = v;
                }
                default -> {
                }
            }
        }
    }

    /** Decoded fields: {@code win} is a Windows event; other scalars are kept as {@code data.<key>}. */
    private void readData(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if (name.equals("win")) {
                winReader.readWazuhWin(p, v);
                continue;
            }
            String s = WinJson.scalar(p, v);
            if (s == null) {
                continue;
            }
            b.original(dataName(name), s);
            switch (name) {
                case "srcip" -> srcIp = s;
                case "dstip" -> dstIp = s;
                case "srcport" -> srcPort = s;
                case "dstport" -> dstPort = s;
                case "srcuser" -> srcUser = s;
                case "dstuser" -> dstUser = s;
                case "protocol" -> b.set(Ecs.NETWORK_PROTOCOL, s.toLowerCase(Locale.ROOT));
                case "action" -> b.set(Ecs.EVENT_ACTION, s);
                case "url" -> b.set(Ecs.URL_FULL, s);
                default -> {
                }
            }
        }
    }

    /** File integrity monitoring: the file and its hashes after the change. */
    private void readSyscheck(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String name;
        while ((name = p.nextName()) != null) {
            String v = WinJson.scalar(p, p.nextToken());
            switch (name) {
                case "path" -> {
                    b.original(SYSCHECK_PATH, v);
                    b.set(Ecs.FILE_PATH, v);
                    b.set(Ecs.FILE_NAME, WinRecord.basename(v));
                }
                case "event" -> {
                    b.original(SYSCHECK_EVENT, v);
                    b.set(Ecs.EVENT_ACTION, v);
                }
                case "md5_after" -> b.set(Ecs.FILE_HASH_MD5, v);
                case "sha1_after" -> b.set(Ecs.FILE_HASH_SHA1, v);
                case "sha256_after" -> b.set(Ecs.FILE_HASH_SHA256, v);
                case "size_after" -> b.set(Ecs.FILE_SIZE, v);
                default -> {
                }
            }
        }
    }

    private String dataName(String key) {
        String cached = dataNames.get(key);
        if (cached == null) {
            cached = "data." + key;
            if (dataNames.size() < MAX_CACHED_NAMES) {
                dataNames.put(key, cached);
            }
        }
        return cached;
    }

    /** An array of scalars joined by commas (a lone scalar as is); nested values are skipped. */
    private String joinArray(JsonParser p, JsonToken t) {
        if (t != JsonToken.START_ARRAY) {
            return WinJson.scalar(p, t);
        }
        join.setLength(0);
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
            String s = WinJson.scalar(p, e);
            if (s != null) {
                if (!join.isEmpty()) {
                    join.append(',');
                }
                join.append(s);
            }
        }
        return join.isEmpty() ? null : join.toString();
    }
}
