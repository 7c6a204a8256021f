package jp.sukedachi.app.selfcheck.assets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.config.LimitedInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The ledger as CSV for Excel: UTF-8 with a byte-order mark (so Excel opens Japanese correctly), header
 * row in the user's language. Import reads a header in Japanese or English, in any column order, UTF-8
 * (with or without BOM) or Excel's Shift_JIS, and reports each bad line by its number.
 */
@Component
class AssetCsv {
    public static final long MAX_BYTES = 1_000_000;
    public static final int MAX_LINES = 2000;
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private final MessageSource messages;

    public AssetCsv(MessageSource messages) {
        this.messages = messages;
    }

    /** A data line with its number in the file (the header is line 1). */
    public record Line(long number, AssetDraft draft) {
    }

    /** The readable lines, and lines (or the whole file) that could not be read at all. */
    public record Parsed(List<Line> lines, List<AssetService.LineError> errors) {
    }

    public byte[] export(List<Asset> assets, Locale locale) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL)) {
            out.write('\uFEFF');
            List<String> header = new ArrayList<>();
            for (AssetField f : AssetField.values()) {
                header.add(messages.getMessage(f.labelKey(), null, locale));
            }
            csv.printRecord(header);
            for (Asset a : assets) {
                csv.printRecord(cell(a.name()), cell(a.ownerName()), cell(a.place()), label(a.form().labelKey(), locale),
                        label(a.personalData() ? "asset.yes" : "asset.no", locale), a.confidentiality(), a.integrity(),
                        a.availability(), a.importance(), a.threat(), a.vulnerability(), a.likelihood(), a.risk(),
                        label(a.decision().labelKey(), locale), a.measure() == null ? "" : cell(a.measure()),
                        a.nextReview() == null ? "" : a.nextReview().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Leading characters that make Excel or LibreOffice read a cell as a formula (OWASP CSV injection). */
    private static final String FORMULA_START = "=+-@\t\r";

    /**
     * A text cell a spreadsheet shows as text: a value starting with a formula character gets a single quote
     * in front (OWASP), and so does one starting with a quote, so that {@link #uncell} gives back exactly
     * what was stored ({@code =1+1} → {@code '=1+1} → {@code =1+1}).
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return FORMULA_START.indexOf(first) >= 0 || first == '\'' ? "'" + value : value;
    }

    /** Reverses {@link #cell}: one quote before a formula character or a quote is ours; other quotes are data. */
    static String uncell(String value) {
        if (value.length() >= 2 && value.charAt(0) == '\''
                && (FORMULA_START.indexOf(value.charAt(1)) >= 0 || value.charAt(1) == '\'')) {
            return value.substring(1);
        }
        return value;
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    public Parsed parse(InputStream in) {
        List<AssetService.LineError> errors = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        String text;
        try {
            text = decode(new LimitedInputStream(in, MAX_BYTES).readAllBytes());
        } catch (LimitedInputStream.LimitExceededException e) {
            return fileError("asset.import.tooBig");
        } catch (IOException e) {
            return fileError("asset.import.unreadable");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        long number = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.EXCEL)) {
            Map<Integer, AssetField> columns = null;
            for (CSVRecord record : parser) {
                // Without multi-line cells the record number is the line number Excel shows (header = 1).
                number = record.getRecordNumber();
                if (columns == null) {
                    columns = header(record);
                    if (!columns.values().containsAll(requiredFields())) {
                        return fileError("asset.import.header");
                    }
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (lines.size() + errors.size() >= MAX_LINES) {
                    errors.add(new AssetService.LineError(number, List.of(), "asset.import.tooManyLines"));
                    break;
                }
                Map<AssetField, String> values = new EnumMap<>(AssetField.class);
                for (int i = 0; i < record.size(); i++) {
                    AssetField field = columns.get(i);
                    if (field != null && !field.derived()) {
                        values.put(field, uncell(record.get(i)));
                    }
                }
                lines.add(new Line(number, new AssetDraft(values)));
            }
            if (columns == null) {
                return fileError("asset.import.empty");
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // A broken quote stops the reader; what was read before it still counts.
            errors.add(new AssetService.LineError(number + 1, List.of(), "asset.import.broken"));
        }
        return new Parsed(lines, errors);
    }

    private static List<AssetField> requiredFields() {
        return Arrays.stream(AssetField.values()).filter(AssetField::required).toList();
    }

    private static Parsed fileError(String key) {
        return new Parsed(List.of(), List.of(new AssetService.LineError(0, List.of(), key)));
    }

    /** Header cells to fields, by their Japanese or English label (case, width and spaces do not matter). */
    private Map<Integer, AssetField> header(CSVRecord record) {
        Map<String, AssetField> byLabel = new HashMap<>();
        for (AssetField f : AssetField.values()) {
            for (Locale l : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
                byLabel.put(key(messages.getMessage(f.labelKey(), null, l)), f);
            }
            byLabel.put(key(f.param()), f);
        }
        Map<Integer, AssetField> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            AssetField f = byLabel.get(key(record.get(i)));
            if (f != null) {
                columns.put(i, f);
            }
        }
        return columns;
    }

    private static String key(String label) {
        return Normalizer.normalize(label, Normalizer.Form.NFKC).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** UTF-8 when the bytes are valid UTF-8, else Shift_JIS as Excel in Japan saves "CSV". */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_31J);
        }
    }
}
