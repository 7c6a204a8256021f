package jp.sukedachi.app.lifecycle;

import java.util.UUID;

/** The company's events in the event log (the embedded journal; the Kafka topic in the cluster runtime). */
interface TenantJournal {
    /**
     * Makes every record of the company unreadable and unrecoverable in place (offsets of the other records stay
     * where they are) and returns how many records were erased.
     */
    long erase(UUID tenantId);
}
