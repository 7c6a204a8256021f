package jp.sukedachi.app.desk;

/** A file kept with a ticket: its id (for the download link), name, size in bytes and SHA-256 (hex). */
public record TicketAttachmentInfo(long id, String fileName, long size, String sha256) {
}
