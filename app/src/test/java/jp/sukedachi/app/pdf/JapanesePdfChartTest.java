package jp.sukedachi.app.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's charts: labels and values come out as text, they are paths (no picture), long ones page cleanly. */
class JapanesePdfChartTest {
    private final PdfFonts fonts = new PdfFonts(new PdfSettings(null));

    static String pageText(PDDocument doc, int p) throws Exception {
        PDFTextStripper page = new PDFTextStripper();
        page.setStartPage(p);
        page.setEndPage(p);
        return page.getText(doc);
    }

    static void assertNoImages(PDDocument doc) throws Exception {
        for (PDPage page : doc.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                assertThat(page.getResources().getXObject(name)).isNotInstanceOf(PDImageXObject.class);
            }
        }
    }

    @Test
    void aBarChartPrintsItsCaptionLabelsSeriesNamesAndEveryValueAsVectorGraphics() throws Exception {
        byte[] bytes = fonts.newDocument().title("月次レポート")
                .barChart("今月の流れ", List.of("受信したイベント", "不審なアクセス", "アラート", "インシデント"),
                        List.of("今月", "先月"), List.of(new long[] {123_456, 312, 9, 1}, new long[] {98_000, 0, 4, 0}))
                .toBytes();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = pageText(doc, 1);
            assertThat(text).contains("今月の流れ", "受信したイベント", "不審なアクセス", "アラート", "インシデント", "今月",
                    "先月", "123,456", "98,000", "312", "9");
            assertNoImages(doc);
            // The bars are drawn: the page's content has filled rectangles beyond the text.
            String ops = new String(doc.getPage(0).getContents().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(ops).contains(" re").contains("\nf\n");
        }
    }

    @Test
    void aLongBarChartContinuesOnTheNextPageWithoutSplittingAGroup() throws Exception {
        List<String> labels = new ArrayList<>();
        long[] values = new long[90];
        for (int i = 0; i < 90; i++) {
            labels.add("ルール " + (i + 1));
            values[i] = (i + 1) * 10L;
        }
        JapanesePdf pdf = fonts.newDocument().footer("テスト").barChart("止めた攻撃の種類", labels, List.of("件数"),
                List.of(values));
        byte[] bytes = pdf.toBytes();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            int pages = doc.getNumberOfPages();
            assertThat(pdf.pageCount()).isEqualTo(pages);
            assertThat(pages).isGreaterThan(1);
            StringBuilder all = new StringBuilder();
            for (int p = 1; p <= pages; p++) {
                String text = pageText(doc, p);
                all.append(text);
                // Every label on a page has its value on the same page.
                for (int i = 1; i <= 90; i++) {
                    if (text.contains("ルール " + i + "\n") || text.endsWith("ルール " + i)) {
                        assertThat(text).as("page %d, rule %d", p, i).contains(String.format("%,d", i * 10));
                    }
                }
            }
            assertThat(all).contains("ルール 1", "ルール 90", "900");
            assertThat(pageText(doc, 1)).contains("止めた攻撃の種類");
            assertNoImages(doc);
        }
    }

    @Test
    void aLineChartMarksEachPointWithItsValueAndTheMonthsUnderTheAxis() throws Exception {
        List<String> months = List.of("2026-01", "2026-02", "2026-03", "2026-04");
        byte[] bytes = fonts.newDocument().lineChart("セルフチェックの点数", months, List.of("自社", "業種の平均"),
                List.of(new double[] {40, Double.NaN, 55, 72}, new double[] {50, 51.5, 52, 53}), 0, 100).toBytes();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = pageText(doc, 1);
            assertThat(text).contains("セルフチェックの点数", "自社", "業種の平均", "2026-01", "2026-04", "40", "55",
                    "72", "51.5", "100");
            assertNoImages(doc);
        }
    }

    @Test
    void aChartWhoseSeriesDoNotMatchItsLabelsIsRefused() {
        assertThatThrownBy(() -> fonts.newDocument().barChart("x", List.of("a", "b"), List.of("s"),
                List.of(new long[] {1}))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fonts.newDocument().lineChart("x", List.of("a"), List.of("s"),
                List.of(new double[] {1}), 5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
