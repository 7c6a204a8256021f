package jp.sukedachi.intel;

/** Kinds of indicator of compromise, each matched against its own event fields. */
public enum IndicatorType {
    /** An IPv4 address. */
    IPV4,
    /** An IPv6 address (canonical, compressed form). */
    IPV6,
    /** An IPv4 or IPv6 range in CIDR notation. */
    CIDR,
    /** Exactly this domain name (lower-case ASCII / punycode, no trailing dot). */
    DOMAIN,
    /** This domain and all its subdomains. */
    DOMAIN_SUFFIX,
    /** A URL, normalised (see {@code Normalize.url}). */
    URL,
    MD5,
    SHA1,
    SHA256,
    /** An e-mail sender address. */
    EMAIL,
    /** Every sender address at this domain. */
    EMAIL_DOMAIN,
    /** SHA-1 fingerprint of a TLS certificate (abuse.ch SSLBL). */
    TLS_SHA1,
    /** JA3 client fingerprint (MD5 hex). */
    JA3
}
