package jp.sukedachi.ingest.journal;

/**
 * One record read from the journal: its offset (global record index, see {@link Journal}) and its opaque payload
 * (the caller's encoding, e.g. {@code EventCodec}). The payload array is a fresh copy owned by the caller.
 */
public record JournalRecord(long offset, byte[] payload) {
}
