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

    @Test
    void aFooterNumbersEveryPageOutOfTheTotal() throws Exception {
        JapanesePdf pdf = fonts.newDocument().footer("保険金請求 #7").title("経過");
        for (int i = 1; i <= 150; i++) {
            pdf.paragraph("記録 " + i);
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toBytes())) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            for (int p = 1; p <= pages; p++) {
                PDFTextStripper page = new PDFTextStripper();
                page.setStartPage(p);
                page.setEndPage(p);
                assertThat(page.getText(doc)).as("page %d", p).contains("保険金請求 #7　" + p + " / " + pages);
            }
        }
    }

    @Test
    void aGridHeaderIsNeverLeftAloneAtTheFootOfAPage() throws Exception {
        // Fill the first page to just above its foot, then start a table: its header moves with the first row.
        for (int filler = 0; filler <= 80; filler += 2) {
            JapanesePdf pdf = fonts.newDocument();
            for (int i = 0; i < 32; i++) {
                pdf.paragraph("行 " + i);
            }
            pdf.gap(filler);
            List<String[]> rows = List.of(new String[] {"見出しA", "見出しB"}, new String[] {"一行目", "1"},
                    new String[] {"二行目", "2"});
            try (PDDocument doc = Loader.loadPDF(pdf.grid(new float[] {1, 1}, rows).toBytes())) {
                for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                    PDFTextStripper page = new PDFTextStripper();
                    page.setStartPage(p);
                    page.setEndPage(p);
                    String text = page.getText(doc);
                    if (text.contains("見出しA")) {
                        assertThat(text.contains("一行目") || text.contains("二行目"))
                                .as("gap %d, page %d: %s", filler, p, text).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aLatinWordWithAHyphenMovesToTheNextLineWhole() throws Exception {
        JapanesePdf pdf = fonts.newDocument();
        // Every position of "SHA-256" against the right edge: full- and half-width characters before it.
        for (int full = 10; full <= 20; full++) {
            for (int half = 0; half <= 3; half++) {
                String text = "あ".repeat(full) + "x".repeat(half) + " SHA-256 のハッシュ値";
                List<String> lines = pdf.wrap(text, 10.5f, 200);
                assertThat(lines).as(text).anySatisfy(l -> assertThat(l).contains("SHA-256"));
            }
        }
        pdf.toBytes();
    }
}
