package jp.sukedachi.app.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.device.QuarantineEntry;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;
import jp.sukedachi.ingest.syslog.SyslogFrames;
import jp.sukedachi.pipeline.EventPipeline;
import jp.sukedachi.pipeline.PipelineFullException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way records enter Sukedachi, whatever the receiver (HTTP, _bulk, syslog, import): parse
 * each record with the device's format (or detect it), quarantine what fails with the reason, hand
 * the events to the pipeline, which returns once they are durable, and count.
 */
@Service
public class IngestService {
    /** A longer record is quarantined, not parsed: no real log line comes near it. */
    public static final int MAX_RECORD_CHARS = 64 * 1024;
    private final LogFormats formats;
    private final EventPipeline pipeline;
    private final QuarantineRepository quarantine;
    private final DeviceCounterRepository counters;
    private final DeviceDirectory devices;
    private final Clock clock;
    private final TransactionTemplate transaction;
    /** While the consumer works, parsing leaves it a core (see {@link ParseGate}). */
    private final ParseGate parseGate;

    public IngestService(LogFormats formats, EventPipeline pipeline, QuarantineRepository quarantine,
            DeviceCounterRepository counters, DeviceDirectory devices, Clock clock,
            PlatformTransactionManager transactions) {
        this.formats = formats;
        this.pipeline = pipeline;
        this.quarantine = quarantine;
        this.counters = counters;
        this.devices = devices;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.parseGate = new ParseGate(pipeline::consumerBusy, ParseGate.parsersBesideTheConsumer());
    }

    /**
     * What happened to one batch: events accepted (durable) and records quarantined, with the format(s)
     * seen; {@code quarantineKept} of the quarantined records are in the device's quarantine (it keeps
     * the newest {@link QuarantineRepository#CAP_PER_DEVICE}), and {@code refused} says, per record not
     * stored as an event, which one (its position in the batch, blank records counted) and why.
     */
    public record Result(int accepted, int quarantined, String format, int quarantineKept, List<Refusal> refused) {
    }

    /** One record of a batch that did not become an event: quarantined (kept or not) or not an event at all. */
    public record Refusal(int position, String reason, boolean quarantined, boolean kept) {
    }

    /**
     * Parses and submits one stream of records of one device. {@code format} overrides the device's
     * (null: the device's, where "auto" detects per record).
     */
    public Result ingest(Device device, Iterator<String> records, String format) throws PipelineFullException {
        long now = clock.millis();
        String wanted = format == null || format.isBlank() ? device.format() : format;
        LogFormat fixed = Device.AUTO.equals(wanted) ? null : formats.byId(wanted)
                .orElseThrow(() -> new IllegalArgumentException("unknown format: " + wanted));
        Map<String, RecordParser> parsers = new HashMap<>();
        TenantId tenant = new TenantId(device.tenantId());
        DeviceId deviceId = new DeviceId(device.id());
        // Each event goes into the pipeline's form as soon as it is parsed (the journal's frames): only the encoded
        // batch lives until the append, not every parsed event of the request.
        EventPipeline.Batch events = pipeline.newBatch();
        List<QuarantineEntry> bad = new ArrayList<>();
        String seen = fixed == null ? null : fixed.id();
        List<Refusal> refused = new ArrayList<>();
        List<Integer> badPositions = new ArrayList<>();
        int position = -1;
        try (ParseGate.Pass pass = parseGate.enter()) {
            while (records.hasNext()) {
                // Trailing NUL/CR/LF are framing (RFC 6587 trailers, C senders' terminators), not part of the record.
                String record = SyslogFrames.trimTrailer(records.next());
                position++;
                if (record.isBlank()) {
                    continue;
                }
                if (record.length() > MAX_RECORD_CHARS) {
                    bad.add(entry(device, seen, "record longer than " + MAX_RECORD_CHARS + " characters", record));
                    badPositions.add(position);
                    continue;
                }
                LogFormat f = fixed != null ? fixed : formats.detect(record).orElse(null);
                if (f == null) {
                    bad.add(entry(device, null, "format not recognised", record));
                    badPositions.add(position);
                    continue;
                }
                seen = seen == null || seen.equals(f.id()) ? f.id() : "mixed";
                try {
                    SecurityEvent event = parsers.computeIfAbsent(f.id(), id -> f.newParser()).parse(record, now);
                    if (event != null) {
                        events.add(event.withOwner(tenant, deviceId, now));
                    } else {
                        // header or comment line: not an event, not an error
                        refused.add(new Refusal(position, "a header or comment line of " + f.id() + ", not an event", false,
                                false));
                    }
                } catch (MalformedRecordException e) {
                    bad.add(entry(device, f.id(), e.getMessage(), record));
                    badPositions.add(position);
                } catch (RuntimeException e) {
                    // A parser bug must not cost the rest of the batch; the record is kept for the fix.
                    bad.add(entry(device, f.id(), "parser error: " + e.getClass().getSimpleName(), record));
                    badPositions.add(position);
                }
            }
        }
        pipeline.submit(events); // an empty batch stores nothing and returns at once
        store(device, bad);
        devices.touch(device.id(), clock.instant());
        // The quarantine keeps the newest CAP_PER_DEVICE per device: of a bigger batch, its first ones went.
        int dropped = Math.max(0, bad.size() - QuarantineRepository.CAP_PER_DEVICE);
        for (int i = 0; i < bad.size(); i++) {
            QuarantineEntry e = bad.get(i);
            refused.add(new Refusal(badPositions.get(i), e.reason(), true, i >= dropped));
        }
        refused.sort(Comparator.comparingInt(Refusal::position));
        return new Result(events.size(), bad.size(), seen, bad.size() - dropped, refused);
    }

    /**
     * Records kept as they came but not parsed (e.g. syslog bytes not valid in the device's charset, kept in
     * base64): quarantined with the reason and counted as received and quarantined, never dropped.
     */
    public void quarantine(Device device, List<String> records, String reason) {
        if (records.isEmpty()) {
            return;
        }
        store(device, records.stream().map(r -> entry(device, null, reason, r)).toList());
        devices.touch(device.id(), clock.instant());
    }

    /** Quarantines and counts in one transaction (events are counted by the pipeline when it consumes them). */
    private void store(Device device, List<QuarantineEntry> bad) {
        if (bad.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            quarantine.insert(bad);
            quarantine.trim(device.id());
            counters.countQuarantined(device.id(), device.tenantId(), bad.size(), bad.getFirst().at());
        });
    }

    private QuarantineEntry entry(Device device, String format, String reason, String record) {
        return new QuarantineEntry(0, device.tenantId(), device.id(), clock.instant(), format, reason, record);
    }
}
