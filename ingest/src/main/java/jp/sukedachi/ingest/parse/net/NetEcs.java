package jp.sukedachi.ingest.parse.net;

/**
 * ECS field names the network parsers fill that {@link jp.sukedachi.event.Ecs} does not define.
 * Kept here rather than in the shared module so this package stays self-contained; a name moves to
 * {@code Ecs} when a detector reads it.
 */
final class NetEcs {
    private NetEcs() {
    }

    static final String URL_QUERY = "url.query";
    static final String TLS_SERVER_HASH_SHA256 = "tls.server.hash.sha256";
}
