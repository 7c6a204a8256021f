package jp.sukedachi.app.insurance;

import java.io.OutputStream;

/** Turns a claim's pack into what the insurer downloads. */
interface EvidencePack {
    /** The summary in Japanese: company, policy, incident with 5W1H and timeline, lines and cost items. */
    byte[] summaryPdf(ClaimPackContent pack);

    /**
     * The ZIP: the summary PDF, every file of the pack, and {@code manifest-sha256.txt} listing each file's
     * SHA-256 and name (the format {@code sha256sum -c} reads).
     */
    void writeZip(ClaimPackContent pack, OutputStream out);
}
