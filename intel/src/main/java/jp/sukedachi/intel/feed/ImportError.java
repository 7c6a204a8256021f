package jp.sukedachi.intel.feed;

/**
 * One rejected line, record or value.
 *
 * @param line    1-based line of the feed where it is (for JSON: where the object starts)
 * @param reason  short reason, e.g. {@code bad URL: no host in URL}
 * @param text    the offending text, cut to 200 characters
 */
public record ImportError(int line, String reason, String text) {
}
