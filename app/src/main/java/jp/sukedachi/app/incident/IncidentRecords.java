package jp.sukedachi.app.incident;

import java.time.Instant;

/** The parts of an incident's record: tasks, timeline entries, evidence files and messages. */
public final class IncidentRecords {
    private IncidentRecords() {
    }

    /**
     * One task. {@code templateKey} names the playbook template (its text is drawn in the reader's language);
     * {@code text} is a task staff wrote. {@code forCompany}: something the company itself does.
     */
    public record Task(long id, int position, String templateKey, String text, boolean forCompany, Instant doneAt,
            String doneBy) {
        public boolean done() {
            return doneAt != null;
        }
    }

    /**
     * One line of the timeline. {@code kind} names the message {@code incident.timeline.<kind>} (or is
     * {@code note} for what staff wrote); {@code visible} false = internal, never shown to the company.
     */
    public record Entry(long id, Instant at, String kind, String actorName, String detail, boolean visible) {
    }

    /** An evidence file's metadata (the content is served by its own download). */
    public record Evidence(long id, String fileName, String contentType, long size, String sha256, String note,
            Instant addedAt, String addedBy) {
    }

    /** A message between the team and the company; every message is for the company to read. */
    public record Message(long id, Instant at, String authorName, boolean fromCompany, String body) {
    }
}
