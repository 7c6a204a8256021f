package jp.sukedachi.simulate;

/**
 * One log record as a device would send it.
 *
 * @param company   slug of the company whose device sent it
 * @param device    the device's name within the company
 * @param wire      how it is sent
 * @param epochMillis the event's own time (records of a run are sent in this order)
 * @param line      the record in the wire format, without a line break
 * @param caseId    the attack case (1–8) the record belongs to, 0 for everyday traffic
 */
public record SimRecord(String company, String device, Wire wire, long epochMillis, String line, int caseId) {
}
