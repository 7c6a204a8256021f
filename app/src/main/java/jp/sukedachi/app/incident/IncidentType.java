package jp.sukedachi.app.incident;

/**
 * What kind of case an incident is. The type chooses the first-response playbook and, with the incident's facts,
 * which outside parties must be told (the reporting routes). The label a person reads is the message
 * {@code incident.type.<NAME>}, never the constant's name.
 */
public enum IncidentType {
    RANSOMWARE,
    /** Malware other than ransomware, e.g. Emotet. */
    MALWARE,
    /** Phishing or a spoofed mail (business e-mail compromise). */
    PHISHING,
    UNAUTHORISED_ACCESS,
    LOST_DEVICE,
    DATA_LEAK,
    DEFACEMENT,
    /** A device nobody knows joined the company's network (BYOD). */
    UNKNOWN_DEVICE,
    OTHER;

    public String labelKey() {
        return "incident.type." + name();
    }
}
