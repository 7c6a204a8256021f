package jp.sukedachi.app.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class JapanesePdfTest {
    private final PdfFonts fonts = new PdfFonts(new PdfSettings(null));

    @Test
    void aLongGridRepeatsItsHeaderOnEveryPageAndKeepsEveryRowsText() throws Exception {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"日付", "内容", "金額（円）"});
        for (int i = 1; i <= 120; i++) {
            rows.add(new String[] {"2026-11-" + (i % 28 + 1), "現地対応 " + i + " 回目（移動を含む）", String.format("%,d", i * 1000)});
        }
        byte[] bytes = fonts.newDocument().title("請求明細").grid(new float[] {2, 5, 2}, rows, false, false, true).toBytes();

        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            String all = new PDFTextStripper().getText(doc);
            assertThat(all).contains("請求明細", "現地対応 1 回目", "現地対応 120 回目", "120,000");
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                PDFTextStripper page = new PDFTextStripper();
                page.setStartPage(p);
                page.setEndPage(p);
                assertThat(page.getText(doc)).as("page %d", p).contains("金額（円）");
            }
        }
    }
}
