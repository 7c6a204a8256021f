package jp.sukedachi.app.intel;

import com.google.common.net.InternetDomainName;
import java.util.Arrays;
import java.util.Locale;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.intel.IndicatorType;

/**
 * What an allowlist entry may cover. The allowlist silences threat intel for every company it applies to,
 * so an entry names one organisation's addresses or names, never a provider's or a registry's:
 * <ul>
 * <li>IPv4 ranges of at most a /16 (65,536 addresses): the largest block one organisation ordinarily
 * holds; anything wider spans ISPs and clouds, and /0 is the whole Internet.</li>
 * <li>IPv6 ranges of at most a /32: the smallest allocation a registry gives a whole ISP (LIR); shorter
 * prefixes cover several providers, ::/0 everything. IPv4-mapped ranges (::ffff:0:0/96) count as IPv4.</li>
 * <li>No public suffix (com, co.jp, github.io … per the Public Suffix List in Guava), neither as a name nor
 * as a wildcard: {@code *.com} would silence every .com domain, {@code *.github.io} everyone's pages.</li>
 * </ul>
 */
final class AllowlistScope {
    static final int MIN_IPV4_PREFIX = 16;
    static final int MIN_IPV6_PREFIX = 32;
    /**
     * ioc_value varchar(2048) in V3__intel.sql. Normalised values are ASCII (punycode, percent-encoding) but
     * for e-mail local parts of at most 64 characters, so PostgreSQL's ~2,700-byte unique-index limit holds.
     */
    static final int VALUE_MAX = 2048;
    static final int NOTE_MAX = 500;

    private AllowlistScope() {
    }

    /** A type by name, any case; otherwise 400 naming the field and the types. */
    static IndicatorType type(String name) {
        try {
            return IndicatorType.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type", "validation.invalid", null,
                    "one of " + Arrays.toString(IndicatorType.values()), "type");
        }
    }

    /** Refuses an over-broad or over-long normalised entry with the reason (field "value"). */
    static void check(IndicatorType type, String value, String note) {
        InvalidInput.requireLength("value", "intel.value", value, VALUE_MAX);
        InvalidInput.requireLength("note", "intel.note", note, NOTE_MAX);
        switch (type) {
            case CIDR -> {
                int slash = value.lastIndexOf('/');
                int prefix = Integer.parseInt(value.substring(slash + 1));
                boolean v6 = value.indexOf(':') >= 0;
                // IPv4-mapped IPv6 (::ffff:a.b.c.d/96+n) is IPv4 space: it gets the IPv4 rule, shifted by 96.
                boolean mapped = v6 && value.startsWith("::ffff:");
                int min = mapped ? 96 + MIN_IPV4_PREFIX : v6 ? MIN_IPV6_PREFIX : MIN_IPV4_PREFIX;
                if (prefix < min) {
                    throw new InvalidInput("value", "intel.allowlist.tooWide", min,
                            "the range " + value + " is wider than /" + min + " (IPv" + (v6 ? 6 : 4) + ")", value, min);
                }
            }
            case DOMAIN_SUFFIX, DOMAIN, EMAIL_DOMAIN -> {
                if (isPublicSuffix(value)) {
                    throw new InvalidInput("value", "intel.allowlist.publicSuffix", null,
                            value + " is a public suffix (shared by unrelated owners)", value);
                }
            }
            default -> {
            }
        }
    }

    /** A public suffix, or a single label (a top-level domain, listed or not). */
    static boolean isPublicSuffix(String domain) {
        if (domain.indexOf('.') < 0) {
            return true;
        }
        try {
            return InternetDomainName.from(domain).isPublicSuffix();
        } catch (IllegalArgumentException e) {
            return false; // names Guava does not accept (e.g. with '_') are not suffixes
        }
    }
}
