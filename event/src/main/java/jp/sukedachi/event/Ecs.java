package jp.sukedachi.event;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Elastic Common Schema field names that parsers fill and detectors read. Constants, so a typo is a
 * compile error and every stage spells a field the same way. Values are strings (numbers as decimal
 * text, times as ISO-8601 UTC) except where {@link SecurityEvent} offers a typed accessor.
 */
public final class Ecs {
    private Ecs() {
    }

    private static final Map<String, String> KNOWN = new HashMap<>();

    /** The shared constant for a known field name (so lookups hit reference equality), else the name itself. */
    public static String intern(String name) {
        String known = KNOWN.get(name);
        return known == null ? name : known;
    }

    static {
        for (Field f : Ecs.class.getFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    String v = (String) f.get(null);
                    KNOWN.put(v, v);
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    public static final String TIMESTAMP = "@timestamp";
    public static final String MESSAGE = "message";

    public static final String EVENT_KIND = "event.kind";
    public static final String EVENT_CATEGORY = "event.category";
    public static final String EVENT_TYPE = "event.type";
    public static final String EVENT_ACTION = "event.action";
    public static final String EVENT_OUTCOME = "event.outcome";
    public static final String EVENT_CODE = "event.code";
    public static final String EVENT_MODULE = "event.module";
    public static final String EVENT_DATASET = "event.dataset";
    public static final String EVENT_PROVIDER = "event.provider";
    public static final String EVENT_SEVERITY = "event.severity";
    public static final String EVENT_DURATION = "event.duration";

    public static final String SOURCE_IP = "source.ip";
    public static final String SOURCE_PORT = "source.port";
    public static final String SOURCE_MAC = "source.mac";
    public static final String SOURCE_BYTES = "source.bytes";
    public static final String DESTINATION_IP = "destination.ip";
    public static final String DESTINATION_PORT = "destination.port";
    public static final String DESTINATION_MAC = "destination.mac";
    public static final String DESTINATION_BYTES = "destination.bytes";
    public static final String NETWORK_TRANSPORT = "network.transport";
    public static final String NETWORK_PROTOCOL = "network.protocol";
    public static final String NETWORK_DIRECTION = "network.direction";
    public static final String NETWORK_COMMUNITY_ID = "network.community_id";

    public static final String DNS_QUESTION_NAME = "dns.question.name";
    public static final String DNS_QUESTION_TYPE = "dns.question.type";
    public static final String DNS_RESPONSE_CODE = "dns.response_code";
    public static final String DNS_ANSWERS_DATA = "dns.answers.data";

    public static final String URL_FULL = "url.full";
    public static final String URL_DOMAIN = "url.domain";
    public static final String URL_PATH = "url.path";
    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String HTTP_REQUEST_REFERRER = "http.request.referrer";
    public static final String USER_AGENT_ORIGINAL = "user_agent.original";

    public static final String TLS_SERVER_NAME = "tls.server_name";
    public static final String TLS_VERSION = "tls.version";
    public static final String TLS_CLIENT_JA3 = "tls.client.ja3";
    public static final String TLS_SERVER_JA3S = "tls.server.ja3s";
    public static final String TLS_SERVER_HASH_SHA1 = "tls.server.hash.sha1";
    public static final String TLS_SERVER_SUBJECT = "tls.server.subject";
    public static final String TLS_SERVER_ISSUER = "tls.server.issuer";

    public static final String FILE_NAME = "file.name";
    public static final String FILE_PATH = "file.path";
    public static final String FILE_SIZE = "file.size";
    public static final String FILE_HASH_MD5 = "file.hash.md5";
    public static final String FILE_HASH_SHA1 = "file.hash.sha1";
    public static final String FILE_HASH_SHA256 = "file.hash.sha256";
    public static final String FILE_MIME_TYPE = "file.mime_type";

    public static final String PROCESS_NAME = "process.name";
    public static final String PROCESS_EXECUTABLE = "process.executable";
    public static final String PROCESS_COMMAND_LINE = "process.command_line";
    public static final String PROCESS_PID = "process.pid";
    public static final String PROCESS_PARENT_EXECUTABLE = "process.parent.executable";
    public static final String PROCESS_PARENT_COMMAND_LINE = "process.parent.command_line";
    public static final String PROCESS_HASH_SHA256 = "process.hash.sha256";

    public static final String USER_NAME = "user.name";
    public static final String USER_DOMAIN = "user.domain";
    public static final String HOST_NAME = "host.name";
    public static final String HOST_IP = "host.ip";
    public static final String HOST_OS_NAME = "host.os.name";
    public static final String HOST_OS_VERSION = "host.os.version";

    public static final String RULE_ID = "rule.id";
    public static final String RULE_NAME = "rule.name";
    public static final String RULE_CATEGORY = "rule.category";
    public static final String RULE_RULESET = "rule.ruleset";

    public static final String EMAIL_FROM_ADDRESS = "email.from.address";
    public static final String EMAIL_TO_ADDRESS = "email.to.address";
    public static final String EMAIL_SUBJECT = "email.subject";
    public static final String EMAIL_ATTACHMENTS_FILE_NAME = "email.attachments.file.name";

    public static final String OBSERVER_VENDOR = "observer.vendor";
    public static final String OBSERVER_PRODUCT = "observer.product";
    public static final String OBSERVER_HOSTNAME = "observer.hostname";
    public static final String LOG_SYSLOG_FACILITY = "log.syslog.facility.code";
    public static final String LOG_SYSLOG_SEVERITY = "log.syslog.severity.code";
    public static final String LOG_SYSLOG_APPNAME = "log.syslog.appname";
    public static final String WINLOG_CHANNEL = "winlog.channel";
    public static final String WINLOG_EVENT_ID = "winlog.event_id";
    public static final String WINLOG_PROVIDER = "winlog.provider_name";
}
