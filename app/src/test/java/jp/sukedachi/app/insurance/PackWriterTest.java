package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import jp.sukedachi.app.insurance.ClaimPackContent.CostItem;
import jp.sukedachi.app.insurance.ClaimPackContent.Facts;
import jp.sukedachi.app.insurance.ClaimPackContent.LineAmount;
import jp.sukedachi.app.insurance.ClaimPackContent.PackFile;
import jp.sukedachi.app.insurance.ClaimPackContent.TimelineEntry;
import jp.sukedachi.app.shared.Hashes;
import jp.sukedachi.app.support.TestDatabases;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The insurer's download, made by the real component (the app's font and message bundle): the Japanese summary
 * holds what the claim pack holds, and the ZIP's manifest is one {@code sha256sum -c} accepts.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false",
    "sukedachi.intel.refresh-initial-ms=3600000"})
class PackWriterTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    EvidencePack evidence;

    // 2026-11-02 01:30 UTC = 2026年11月2日 10:30 in Japan.
    static final Instant OPENED = Instant.parse("2026-11-02T01:30:00Z");

    static PackFile file(String name, byte[] bytes) {
        return new PackFile(name, "application/pdf", bytes.length, Hashes.sha256(bytes), () -> bytes.clone());
    }

    static ClaimPackContent pack(List<TimelineEntry> timeline, List<PackFile> files, Facts facts) {
        return new ClaimPackContent(42, "株式会社高橋製作所", "CY-2026-0815", "あおば損害保険株式会社",
                ClaimStatus.SUBMITTED, OPENED.plus(Duration.ofDays(10)), 7, "受注管理サーバのランサムウェア感染",
                "RANSOMWARE", OPENED, OPENED.plus(Duration.ofDays(3)), facts, timeline,
                List.of(new LineAmount(CoverageLine.ONSITE_VISIT, "駆け付け（現地対応）費用", 68_750, 18_750, 50_000),
                        new LineAmount(CoverageLine.FORENSIC, "調査（フォレンジック）費用", 880_000, 500_000, 380_000)),
                List.of(new CostItem(CoverageLine.ONSITE_VISIT, "駆け付け（現地対応）費用", "訪問 1 回目 3.5 時間・移動 45 分",
                        42_625, "訪問記録"),
                        new CostItem(CoverageLine.ONSITE_VISIT, "駆け付け（現地対応）費用", "訪問 2 回目 2 時間・移動 45 分",
                                26_125, "訪問記録"),
                        new CostItem(CoverageLine.FORENSIC, "調査（フォレンジック）費用", "調査会社の請求書", 880_000, "請求書")),
                files, 948_750, 518_750, 430_000);
    }

    static Facts facts() {
        return new Facts("総務部の山田さん", OPENED.minus(Duration.ofMinutes(40)), "共有フォルダのファイルが開けなくなった",
                "本社 2 階の受注管理サーバ", "VPN 装置の古いファームウェアから侵入", "受注データ 3 日分が暗号化");
    }

    static List<TimelineEntry> timeline(int n) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            entries.add(new TimelineEntry(OPENED.plus(Duration.ofMinutes(17L * i)), i % 2 == 0 ? "佐藤（技術者）" : "窓口 鈴木",
                    "対応記録その" + i + "：サーバのログを確認"));
        }
        return entries;
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Every entry of a ZIP, by name, in order. */
    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(entries.put(e.getName(), in.readAllBytes())).as("entry %s once", e.getName()).isNull();
            }
        }
        return entries;
    }

    byte[] zip(ClaimPackContent pack) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        evidence.writeZip(pack, out);
        return out.toByteArray();
    }

    @Test
    void theSummaryIsInJapaneseWithTheCompanyTheFactsEveryTimelineEntryAndTheYenAmounts() throws Exception {
        byte[] invoice = "請求書 PDF の中身".getBytes(StandardCharsets.UTF_8);
        String pdf = text(evidence.summaryPdf(pack(timeline(5), List.of(file("invoice.pdf", invoice)), facts())));

        assertThat(pdf).contains("サイバー保険 保険金請求資料", "株式会社高橋製作所", "あおば損害保険株式会社", "CY-2026-0815",
                "審査待ち", "受注管理サーバのランサムウェア感染", "ランサムウェア");
        // Japan time, written the Japanese way.
        assertThat(pdf).contains("2026年11月2日 10:30", "2026年11月5日 10:30", "2026年11月2日 09:50");
        assertThat(pdf).contains("総務部の山田さん", "共有フォルダのファイルが開けなくなった", "本社 2 階の受注管理サーバ",
                "VPN 装置の古いファームウェアから侵入", "受注データ 3 日分が暗号化");
        for (TimelineEntry e : timeline(5)) {
            assertThat(pdf).contains(e.text(), e.who());
        }
        assertThat(pdf).contains("2026年11月2日 11:55"); // the fifth entry: 10:30 + 85 min
        assertThat(pdf).contains("68,750 円", "18,750 円", "50,000 円", "880,000 円", "500,000 円", "380,000 円",
                "948,750 円", "518,750 円", "430,000 円", "42,625 円", "26,125 円", "訪問 1 回目 3.5 時間・移動 45 分");
        assertThat(pdf).contains("files/invoice.pdf", Hashes.sha256(invoice), "manifest-sha256.txt");
        assertThat(pdf).doesNotContain("SUBMITTED", "RANSOMWARE", "null");
    }

    @Test
    void factsNotKnownYetReadAsUnconfirmedAndAnOpenIncidentAsInProgress() throws Exception {
        ClaimPackContent base = pack(List.of(), List.of(), new Facts("窓口 鈴木", null, "不審なメール", null, " ", null));
        ClaimPackContent open = new ClaimPackContent(base.claimNumber(), base.companyName(), base.policyNumber(),
                base.insurerName(), ClaimStatus.DRAFT, null, base.incidentNumber(), base.incidentTitle(),
                "自由記述の種類", base.incidentOpenedAt(), null, base.facts(), base.timeline(), base.lines(),
                List.of(), base.files(), base.totalClaimedYen(), base.totalPayableYen(), base.totalSelfBurdenYen());
        String pdf = text(evidence.summaryPdf(open));

        // who and what known; when, where, how (blank) and damage not: four times 未確認.
        assertThat(pdf.split("未確認", -1)).hasSize(5);
        assertThat(pdf).contains("窓口 鈴木", "不審なメール", "対応中", "まだ提出されていません", "下書き", "自由記述の種類",
                "経過の記録はありません", "費用の明細はありません", "添付ファイルはありません");
    }

    @Test
    void aLongTimelineRunsOverSeveralNumberedPagesWithEveryEntry() throws Exception {
        List<TimelineEntry> long_ = timeline(150);
        byte[] bytes = evidence.summaryPdf(pack(long_, List.of(), facts()));

        try (PDDocument doc = Loader.loadPDF(bytes)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(3);
            String all = new PDFTextStripper().getText(doc);
            for (TimelineEntry e : long_) {
                assertThat(all).contains(e.text());
            }
            for (int p = 1; p <= pages; p++) {
                PDFTextStripper page = new PDFTextStripper();
                page.setStartPage(p);
                page.setEndPage(p);
                assertThat(page.getText(doc)).as("page %d", p).contains("保険金請求 #42", p + " / " + pages);
            }
        }
    }

    @Test
    void theZipHoldsTheSummaryEveryFileAndAManifestWhoseHashesAreThoseOfTheEntries() throws Exception {
        byte[] invoice = "forensic invoice".getBytes(StandardCharsets.UTF_8);
        byte[] report = new byte[300_000];
        for (int i = 0; i < report.length; i++) {
            report[i] = (byte) (i * 31 + i / 7);
        }
        ClaimPackContent pack = pack(timeline(3), List.of(file("請求書（調査会社）.pdf", invoice),
                file("visit-report.pdf", report)), facts());
        Map<String, byte[]> entries = unzip(zip(pack));

        assertThat(entries.keySet()).containsExactly("summary.pdf", "files/請求書（調査会社）.pdf",
                "files/visit-report.pdf", "manifest-sha256.txt");
        assertThat(entries.get("files/請求書（調査会社）.pdf")).isEqualTo(invoice);
        assertThat(entries.get("files/visit-report.pdf")).isEqualTo(report);
        assertThat(text(entries.get("summary.pdf"))).contains("株式会社高橋製作所");

        String manifest = new String(entries.get("manifest-sha256.txt"), StandardCharsets.UTF_8);
        assertThat(manifest).endsWith("\n").doesNotContain("\r");
        List<String> lines = manifest.lines().toList();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(line).matches("[0-9a-f]{64}  \\S.*");
            String path = line.substring(66);
            assertThat(entries).as("manifest names %s", path).containsKey(path);
            assertThat(line.substring(0, 64)).as(path).isEqualTo(Hashes.sha256(entries.get(path)));
        }
        assertThat(lines).extracting(l -> l.substring(66))
                .containsExactly("summary.pdf", "files/請求書（調査会社）.pdf", "files/visit-report.pdf");
    }

    @Test
    void sha256sumChecksEveryFileOfTheUnpackedZip(@TempDir Path dir) throws Exception {
        byte[] invoice = "forensic invoice".getBytes(StandardCharsets.UTF_8);
        ClaimPackContent pack = pack(timeline(3), List.of(file("請求書 1.pdf", invoice), file("請求書 1.pdf", new byte[0]),
                file("../../etc/passwd", "x".getBytes(StandardCharsets.UTF_8))), facts());
        for (Map.Entry<String, byte[]> e : unzip(zip(pack)).entrySet()) {
            Path target = dir.resolve(e.getKey()).normalize();
            assertThat(target).startsWithRaw(dir);
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }

        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", "manifest-sha256.txt").directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(said).isZero();
        assertThat(said.lines().filter(l -> l.endsWith(": OK"))).hasSize(4);

        // The check is real: one changed byte fails it.
        Files.writeString(dir.resolve("files/passwd"), "y");
        Process again = new ProcessBuilder("sha256sum", "-c", "--quiet", "manifest-sha256.txt").directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).isNotZero();
    }

    @Test
    void aFileWhoseContentNoLongerMatchesItsRecordedHashIsRefusedAndNoFinishedZipIsWritten() {
        byte[] stored = "the invoice as uploaded".getBytes(StandardCharsets.UTF_8);
        byte[] changed = "the invoice, changed!!".getBytes(StandardCharsets.UTF_8);
        PackFile tampered = new PackFile("invoice.pdf", "application/pdf", stored.length, Hashes.sha256(stored),
                () -> changed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> evidence.writeZip(pack(timeline(1), List.of(file("ok.pdf", stored), tampered), facts()),
                out)).isInstanceOf(PackIntegrityException.class).hasMessageContaining("files/invoice.pdf")
                .hasMessageContaining(Hashes.sha256(changed));
        // What went out before the check cannot pass for a complete pack: no manifest, no ZIP directory.
        assertThat(new String(out.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("manifest-sha256.txt");
        assertThatThrownBy(() -> new java.util.zip.ZipFile(Files.write(Files.createTempFile("pack", ".zip"),
                out.toByteArray()).toFile()).close()).isInstanceOf(ZipException.class);

        // A wrong size or a missing hash is refused the same way.
        PackFile wrongSize = new PackFile("a.pdf", "application/pdf", stored.length + 1, Hashes.sha256(stored),
                () -> stored);
        PackFile noHash = new PackFile("b.pdf", "application/pdf", stored.length, null, () -> stored);
        for (PackFile bad : List.of(wrongSize, noHash)) {
            assertThatThrownBy(() -> evidence.writeZip(pack(List.of(), List.of(bad), facts()),
                    new ByteArrayOutputStream())).isInstanceOf(PackIntegrityException.class);
        }
    }

    @Test
    void hostileAndRepeatedFileNamesBecomeSafeUniqueNamesInsideTheFilesFolder() throws Exception {
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        ClaimPackContent pack = pack(List.of(), List.of(file("../x", x), file("a/b", x), file("..\\..\\win.ini", x),
                file("報告書.pdf", x), file("報告書.pdf", x), file("報告書.PDF", x), file("nul\0.pdf", x),
                file("invoice\u202Efdp.exe", x), file("..", x), file("CON", x)), facts());
        Map<String, byte[]> entries = unzip(zip(pack));

        assertThat(entries.keySet()).containsExactly("summary.pdf", "files/x", "files/b", "files/win.ini",
                "files/報告書.pdf", "files/報告書 (2).pdf", "files/報告書 (3).PDF", "files/_nul.pdf",
                "files/invoicefdp.exe", "files/file", "files/_CON", "manifest-sha256.txt");
        assertThat(text(entries.get("summary.pdf"))).contains("files/報告書 (2).pdf", "files/_CON");
    }
}
