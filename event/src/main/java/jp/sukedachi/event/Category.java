package jp.sukedachi.event;

/**
 * What kind of thing a detection is about, decided by the detector that knows it (the intel matcher knows the
 * indicator's threat type, a Sigma rule its ATT&CK tags, a sensor its verdict). Triage keeps it on the alert, and
 * every text an SME or a notification reads is chosen by it, never by the words of a title.
 */
public enum Category {
    /** A known malicious file, or contact with a site that hands out malware. */
    MALWARE_DOWNLOAD,
    /** A machine talking to an attacker's command-and-control server. */
    C2,
    /** Ransomware at work or preparing (shadow-copy deletion, recovery switched off, a known family). */
    RANSOMWARE,
    /** A phishing site or mail. */
    PHISHING,
    /** Repeated failed logins: someone guessing passwords. */
    PASSWORD_GUESSING,
    /** A device nobody registered appeared on the network. */
    UNKNOWN_DEVICE,
    /** A machine runs an operating system that no longer gets security fixes. */
    OUTDATED_OS,
    /** Someone probing for open doors (port or host scans). */
    SCAN,
    /** A machine calling out at a regular rhythm, as remote-controlled malware does. */
    BEACONING,
    /** A burst of mail leaving a company (a hijacked mailbox sending spam or malware). */
    MAIL_BURST,
    /** One attack seen at several companies at once. */
    CAMPAIGN,
    /** A watched device stopped sending logs: the watch over that company is blind. */
    SILENT_DEVICE,
    /** The customer's own security device stopped something: nothing got in. */
    BLOCKED,
    /** Anything else; the generic explanation. */
    OTHER
}
