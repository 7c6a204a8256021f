package jp.sukedachi.app.insurance;

/**
 * An evidence file's content no longer matches the SHA-256 (or size) recorded when it was uploaded: the pack is
 * not produced, since a manifest vouching for the wrong bytes would mislead the insurer.
 */
class PackIntegrityException extends IllegalStateException {
    PackIntegrityException(String message) {
        super(message);
    }
}
