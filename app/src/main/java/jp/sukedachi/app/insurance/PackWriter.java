package jp.sukedachi.app.insurance;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.sukedachi.app.insurance.ClaimPackContent.CostItem;
import jp.sukedachi.app.insurance.ClaimPackContent.Facts;
import jp.sukedachi.app.insurance.ClaimPackContent.LineAmount;
import jp.sukedachi.app.insurance.ClaimPackContent.PackFile;
import jp.sukedachi.app.insurance.ClaimPackContent.TimelineEntry;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.Hashes;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The insurer's download of a claim: a Japanese summary PDF and a ZIP of it with every evidence file and a SHA-256
 * manifest. Everything comes from the {@link ClaimPackContent} alone. The summary is in Japanese whatever the
 * reader's screen language: it is the document the insurer files.
 */
@Component
class PackWriter implements EvidencePack {
    static final String SUMMARY = "summary.pdf";
    static final String MANIFEST = "manifest-sha256.txt";
    private static final Locale JA = Locale.JAPANESE;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
            .withZone(Formats.TOKYO);

    private final PdfFonts fonts;
    private final MessageSource messages;

    PackWriter(PdfFonts fonts, MessageSource messages) {
        this.fonts = fonts;
        this.messages = messages;
    }

    @Override
    public byte[] summaryPdf(ClaimPackContent pack) {
        return summaryPdf(pack, PackNames.paths(pack.files()));
    }

    private byte[] summaryPdf(ClaimPackContent pack, List<String> paths) {
        JapanesePdf pdf = fonts.newDocument()
                .footer(msg("pack.footer", pack.claimNumber(), pack.companyName()))
                .title(msg("pack.title"))
                .line(pack.companyName(), 12, JapanesePdf.Align.CENTER)
                .gap(8);

        pdf.heading(msg("pack.claim.heading")).table(List.of(
                row("pack.claim.number", "#" + pack.claimNumber()),
                row("pack.claim.status", status(pack.status())),
                row("pack.claim.submitted", pack.submittedAt() == null ? msg("pack.claim.notSubmitted")
                        : when(pack.submittedAt())),
                row("pack.claim.company", pack.companyName()),
                row("pack.claim.insurer", pack.insurerName()),
                row("pack.claim.policy", pack.policyNumber())));

        pdf.heading(msg("pack.incident.heading")).table(List.of(
                row("pack.incident.number", "#" + pack.incidentNumber()),
                row("pack.incident.title", pack.incidentTitle()),
                row("pack.incident.type", incidentType(pack.incidentType())),
                row("pack.incident.opened", when(pack.incidentOpenedAt())),
                row("pack.incident.closed", pack.incidentClosedAt() == null ? msg("pack.incident.stillOpen")
                        : when(pack.incidentClosedAt()))));

        Facts f = pack.facts() == null ? new Facts(null, null, null, null, null, null) : pack.facts();
        pdf.heading(msg("pack.facts.heading")).table(List.of(
                row("pack.facts.who", known(f.foundBy())),
                row("pack.facts.when", f.foundAt() == null ? msg("pack.unknown") : when(f.foundAt())),
                row("pack.facts.what", known(f.what())),
                row("pack.facts.where", known(f.where())),
                row("pack.facts.how", known(f.how())),
                row("pack.facts.damage", known(f.damage()))));

        pdf.heading(msg("pack.timeline.heading"));
        if (pack.timeline().isEmpty()) {
            pdf.paragraph(msg("pack.timeline.none"));
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {msg("pack.timeline.at"), msg("pack.timeline.who"), msg("pack.timeline.what")});
            for (TimelineEntry e : pack.timeline()) {
                rows.add(new String[] {when(e.at()), text(e.who()), text(e.text())});
            }
            pdf.grid(new float[] {2.4f, 1.8f, 5.8f}, rows);
        }

        pdf.heading(msg("pack.lines.heading")).paragraph(msg("pack.lines.intro"));
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {msg("pack.lines.line"), msg("pack.lines.claimed"), msg("pack.lines.payable"),
            msg("pack.lines.selfBurden")});
        for (LineAmount l : pack.lines()) {
            lines.add(new String[] {text(l.lineName()), yen(l.claimedYen()), yen(l.payableYen()),
                yen(l.selfBurdenYen())});
        }
        lines.add(new String[] {msg("pack.lines.total"), yen(pack.totalClaimedYen()), yen(pack.totalPayableYen()),
            yen(pack.totalSelfBurdenYen())});
        pdf.grid(new float[] {3.4f, 2.2f, 2.2f, 2.2f}, lines, false, true, true, true);

        pdf.heading(msg("pack.costs.heading"));
        if (pack.costItems().isEmpty()) {
            pdf.paragraph(msg("pack.costs.none"));
        } else {
            List<String[]> costs = new ArrayList<>();
            costs.add(new String[] {msg("pack.costs.line"), msg("pack.costs.what"), msg("pack.costs.source"),
                msg("pack.costs.yen")});
            for (CostItem c : pack.costItems()) {
                costs.add(new String[] {text(c.lineName()), text(c.description()), text(c.source()), yen(c.yen())});
            }
            pdf.grid(new float[] {2.2f, 4.2f, 1.8f, 1.8f}, costs, false, false, false, true);
        }

        pdf.heading(msg("pack.files.heading"));
        if (pack.files().isEmpty()) {
            pdf.paragraph(msg("pack.files.none"));
        } else {
            List<String[]> files = new ArrayList<>();
            files.add(new String[] {msg("pack.files.name"), msg("pack.files.size")});
            for (int i = 0; i < pack.files().size(); i++) {
                PackFile file = pack.files().get(i);
                // The hash on its own line under the name: its 64 characters fit the width unbroken.
                files.add(new String[] {paths.get(i) + "\n" + text(file.sha256()),
                    msg("pack.files.bytes", file.size())});
            }
            pdf.grid(new float[] {8.2f, 1.8f}, files, false, true);
        }
        return pdf.gap(10).paragraph(msg("pack.closing", MANIFEST)).toBytes();
    }

    @Override
    public void writeZip(ClaimPackContent pack, OutputStream out) {
        List<String> paths = PackNames.paths(pack.files());
        StringBuilder manifest = new StringBuilder();
        // Not try-with-resources: closing would finish the ZIP, and a pack that fails half-way must not end as a
        // well-formed ZIP that merely lacks files. The caller owns the stream; it is flushed, not closed.
        ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        }, StandardCharsets.UTF_8);
        try {
            entry(zip, manifest, SUMMARY, summaryPdf(pack, paths));
            for (int i = 0; i < pack.files().size(); i++) {
                entry(zip, manifest, paths.get(i), verified(pack.files().get(i), i, paths.get(i)));
            }
            // sha256sum -c reads "<hash>  <path>" per line, LF.
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes, if they are the ones its record (hash and size, taken at upload) describes. */
    private static byte[] verified(PackFile file, int index, String path) {
        byte[] bytes = file == null || file.content() == null ? null : file.content().get();
        if (bytes == null) {
            throw new PackIntegrityException("evidence file " + (index + 1) + " (" + path + ") has no content");
        }
        String actual = Hashes.sha256(bytes);
        if (!actual.equalsIgnoreCase(String.valueOf(file.sha256()).strip()) || bytes.length != file.size()) {
            throw new PackIntegrityException("evidence file " + (index + 1) + " (" + path + ") does not match its "
                    + "record: recorded SHA-256 " + file.sha256() + " and " + file.size() + " bytes, content SHA-256 "
                    + actual + " and " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** Writes one entry and adds the hash of exactly the bytes written to the manifest. */
    private static void entry(ZipOutputStream zip, StringBuilder manifest, String path, byte[] bytes)
            throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
        manifest.append(Hashes.sha256(bytes)).append("  ").append(path).append('\n');
    }


    private String[] row(String key, String value) {
        return new String[] {msg(key), text(value)};
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, JA);
    }

    /** The status as the claim pages name it. */
    private String status(ClaimStatus status) {
        return status == null ? "—" : messages.getMessage(status.labelKey(), null, JA);
    }

    /** The incident's type as its label when it is a known type name, else the text as given. */
    private String incidentType(String type) {
        if (type == null || type.isBlank()) {
            return msg("pack.unknown");
        }
        return messages.getMessage("incident.type." + type, null, type, JA);
    }

    private String known(String value) {
        return value == null || value.isBlank() ? msg("pack.unknown") : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String when(Instant at) {
        return Formats.format(WHEN, at);
    }

    static String yen(long yen) {
        return String.format(Locale.ROOT, "%,d 円", yen);
    }
}
