package jp.sukedachi.app.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A small flowing-text writer for A4 documents in Japanese: title, headings, wrapped paragraphs and a
 * two-column table, paginated. The font is embedded as a subset. Not thread-safe; one per document.
 */
public final class JapanesePdf {
    /** Alignment of a single line. */
    public enum Align { LEFT, CENTER, RIGHT }

    private static final float MARGIN = 56;
    private static final float LEADING = 1.65f;
    /** Characters that must not begin a line (Japanese line-breaking rule): they hang at the end instead. */
    private static final String NO_LINE_START = "、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.)!?:;";

    private final PDDocument doc;
    private final TrueTypeFont ttf;
    private final CmapLookup cmap;
    private final PDType0Font font;
    private final TreeSet<Integer> used = new TreeSet<>();
    private final PDRectangle size = PDRectangle.A4;
    private PDPageContentStream content;
    private float y;
    private String footer;

    JapanesePdf(byte[] fontBytes) {
        try {
            doc = new PDDocument();
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes));
            cmap = ttf.getUnicodeCmapLookup();
            font = PDType0Font.load(doc, ttf, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float width() {
        return size.getWidth() - 2 * MARGIN;
    }

    private void ensureRoom(float height) throws IOException {
        if (content == null || y - height < MARGIN) {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(size);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            y = size.getHeight() - MARGIN;
        }
    }

    public JapanesePdf title(String text) {
        gap(4);
        return line(text, 18, Align.CENTER);
    }

    public JapanesePdf heading(String text) {
        try {
            // A heading keeps a few lines of what it heads on its page.
            ensureRoom(8 + 12.5f * LEADING + 4 * 10.5f * LEADING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gap(8);
        return paragraph(text, 12.5f);
    }

    public JapanesePdf paragraph(String text) {
        return paragraph(text, 10.5f);
    }

    /** Wrapped text; line breaks in the text are kept. */
    public JapanesePdf paragraph(String text, float fontSize) {
        try {
            for (String line : wrap(text, fontSize, width())) {
                write(line, fontSize, MARGIN);
            }
            gap(fontSize * 0.4f);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line, not wrapped (titles, signatures); cut to the page width. */
    public JapanesePdf line(String text, float fontSize, Align align) {
        try {
            String line = wrap(text, fontSize, width()).stream().findFirst().orElse("");
            float w = textWidth(line, fontSize);
            float x = switch (align) {
                case LEFT -> MARGIN;
                case CENTER -> (size.getWidth() - w) / 2;
                case RIGHT -> size.getWidth() - MARGIN - w;
            };
            write(line, fontSize, x);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A two-column table (label, value) with a rule under each row. */
    public JapanesePdf table(List<String[]> rows) {
        try {
            float fontSize = 10.5f;
            float labelWidth = width() * 0.38f;
            float lineHeight = fontSize * LEADING;
            for (String[] row : rows) {
                List<String> left = wrap(row[0], fontSize, labelWidth - 8);
                List<String> right = wrap(row[1], fontSize, width() - labelWidth);
                int lines = Math.max(1, Math.max(left.size(), right.size()));
                ensureRoom(lines * lineHeight + 4);
                for (int i = 0; i < lines; i++) {
                    y -= lineHeight;
                    show(i < left.size() ? left.get(i) : "", fontSize, MARGIN, y + fontSize * 0.45f);
                    show(i < right.size() ? right.get(i) : "", fontSize, MARGIN + labelWidth, y + fontSize * 0.45f);
                }
                y -= 3;
                content.setLineWidth(0.4f);
                content.moveTo(MARGIN, y);
                content.lineTo(size.getWidth() - MARGIN, y);
                content.stroke();
            }
            gap(6);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A table of any number of columns: {@code shares} are the columns' relative widths, the first row is the
     * header (drawn bold-ruled and repeated after a page break), {@code rightAligned} marks numeric columns
     * (amounts in yen line up at their last digit). Cells wrap; a row never splits across pages.
     */
    public JapanesePdf grid(float[] shares, List<String[]> rows, boolean... rightAligned) {
        if (rows.isEmpty()) {
            return this;
        }
        try {
            float fontSize = 9.5f;
            float lineHeight = fontSize * LEADING;
            float total = 0;
            for (float s : shares) {
                total += s;
            }
            float[] widths = new float[shares.length];
            float[] xs = new float[shares.length];
            float x = MARGIN;
            for (int c = 0; c < shares.length; c++) {
                widths[c] = width() * shares[c] / total;
                xs[c] = x;
                x += widths[c];
            }
            String[] header = rows.get(0);
            boolean headerDrawn = false;
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                List<List<String>> cells = new ArrayList<>();
                int lines = 1;
                for (int c = 0; c < shares.length; c++) {
                    List<String> cell = wrap(c < row.length ? row[c] : "", fontSize, widths[c] - 6);
                    cells.add(cell);
                    lines = Math.max(lines, cell.size());
                }
                float height = lines * lineHeight + 4;
                if (r == 0 && rows.size() > 1) {
                    // The header never stays alone at the foot of a page: it goes with the first row.
                    ensureRoom(height + rowHeight(rows.get(1), widths, fontSize));
                }
                boolean newPage = content == null || y - height < MARGIN;
                ensureRoom(height);
                if (r > 0 && (newPage || !headerDrawn)) {
                    drawGridRow(header, widths, xs, fontSize, rightAligned, 0.9f);
                }
                drawGridRow(cells, lines, widths, xs, fontSize, rightAligned, r == 0 ? 0.9f : 0.3f);
                headerDrawn = true;
            }
            gap(6);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float rowHeight(String[] row, float[] widths, float fontSize) throws IOException {
        int lines = 1;
        for (int c = 0; c < widths.length; c++) {
            lines = Math.max(lines, wrap(c < row.length ? row[c] : "", fontSize, widths[c] - 6).size());
        }
        return lines * fontSize * LEADING + 4;
    }

    private void drawGridRow(String[] row, float[] widths, float[] xs, float fontSize, boolean[] right, float rule)
            throws IOException {
        List<List<String>> cells = new ArrayList<>();
        int lines = 1;
        for (int c = 0; c < widths.length; c++) {
            List<String> cell = wrap(c < row.length ? row[c] : "", fontSize, widths[c] - 6);
            cells.add(cell);
            lines = Math.max(lines, cell.size());
        }
        ensureRoom(lines * fontSize * LEADING + 4);
        drawGridRow(cells, lines, widths, xs, fontSize, right, rule);
    }

    private void drawGridRow(List<List<String>> cells, int lines, float[] widths, float[] xs, float fontSize,
            boolean[] right, float rule) throws IOException {
        float lineHeight = fontSize * LEADING;
        for (int i = 0; i < lines; i++) {
            y -= lineHeight;
            for (int c = 0; c < widths.length; c++) {
                List<String> cell = cells.get(c);
                String text = i < cell.size() ? cell.get(i) : "";
                boolean alignRight = right != null && c < right.length && right[c];
                float tx = alignRight ? xs[c] + widths[c] - 6 - textWidth(text, fontSize) : xs[c];
                show(text, fontSize, tx, y + fontSize * 0.45f);
            }
        }
        y -= 3;
        content.setLineWidth(rule);
        content.moveTo(MARGIN, y);
        content.lineTo(size.getWidth() - MARGIN, y);
        content.stroke();
    }

    public JapanesePdf gap(float points) {
        try {
            ensureRoom(0);
            y -= points;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String line, float fontSize, float x) throws IOException {
        float lineHeight = fontSize * LEADING;
        ensureRoom(lineHeight);
        y -= lineHeight;
        show(line, fontSize, x, y + fontSize * 0.45f);
    }

    private void show(String text, float fontSize, float x, float baseline) throws IOException {
        show(content, text, fontSize, x, baseline);
    }

    private void show(PDPageContentStream to, String text, float fontSize, float x, float baseline)
            throws IOException {
        if (text.isEmpty()) {
            return;
        }
        text.codePoints().forEach(used::add);
        to.beginText();
        to.setFont(font, fontSize);
        to.newLineAtOffset(x, baseline);
        to.showText(text);
        to.endText();
    }

    private float textWidth(String text, float fontSize) throws IOException {
        return font.getStringWidth(text) / 1000 * fontSize;
    }

    /** Characters the font lacks become '?', control characters go; then the text is cut into lines. */
    List<String> wrap(String text, float fontSize, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : (text == null ? "" : text).replace("\r\n", "\n").split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float w = 0;
            int[] cps = paragraph.codePoints().map(this::printable).filter(cp -> cp >= 0).toArray();
            for (int i = 0; i < cps.length; i++) {
                String ch = Character.toString(cps[i]);
                float cw = textWidth(ch, fontSize);
                if (w + cw > maxWidth && !line.isEmpty() && NO_LINE_START.indexOf(cps[i]) < 0) {
                    int space = line.lastIndexOf(" ");
                    if (cps[i] < 0x3000 && cps[i] != ' ' && space > 0 && latin(line.substring(space + 1))) {
                        // Latin text breaks between words.
                        String carry = line.substring(space + 1);
                        lines.add(line.substring(0, space));
                        line = new StringBuilder(carry);
                    } else {
                        lines.add(line.toString());
                        line = new StringBuilder();
                    }
                    w = textWidth(line.toString(), fontSize);
                    if (ch.equals(" ")) {
                        continue;
                    }
                }
                line.append(ch);
                w += cw;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** A Latin word (e.g. "SHA-256"), which moves to the next line whole rather than breaking inside. */
    private static boolean latin(String word) {
        return word.codePoints().allMatch(cp -> cp < 0x3000 && cp != ' ');
    }

    private int printable(int cp) {
        if (cp == '\t') {
            return ' ';
        }
        if (Character.isISOControl(cp)) {
            return -1;
        }
        return cmap.getGlyphId(cp) > 0 ? cp : '?';
    }

    /**
     * A line at the foot of every page: the text (e.g. the document's reference) and the page number as
     * {@code n / total}, so a printed page that comes loose can be put back and a missing one is noticed.
     */
    public JapanesePdf footer(String text) {
        this.footer = text == null ? "" : text;
        return this;
    }

    private void drawFooters() throws IOException {
        float fontSize = 8.5f;
        int total = doc.getNumberOfPages();
        int n = 0;
        for (PDPage page : doc.getPages()) {
            n++;
            String label = (footer.isBlank() ? "" : footer + "　") + n + " / " + total;
            String line = wrap(label, fontSize, width()).stream().findFirst().orElse("");
            try (PDPageContentStream foot = new PDPageContentStream(doc, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                show(foot, line, fontSize, (size.getWidth() - textWidth(line, fontSize)) / 2, MARGIN / 2);
            }
        }
    }

    /** The finished PDF. */
    public byte[] toBytes() {
        try {
            if (content == null) {
                ensureRoom(0);
            }
            content.close();
            if (footer != null) {
                drawFooters();
            }
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            doc.save(first);
            doc.close();
            ttf.close();
            return withExactToUnicode(first.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * PDFBox maps each glyph back to the first code point the font's cmap gives it; fonts that share one
     * glyph between a Kangxi radical and the ideograph (方 and ⽅) then yield the radical on copy and search.
     * The text mapping is rewritten from the characters this document really drew.
     */
    private byte[] withExactToUnicode(byte[] pdf) throws IOException {
        Map<Integer, Integer> glyphToChar = new HashMap<>();
        for (int cp : used) {
            int gid = cmap.getGlyphId(cp);
            Integer previous = glyphToChar.get(gid);
            if (previous == null || isRadical(previous)) {
                glyphToChar.put(gid, cp);
            }
        }
        try (PDDocument saved = Loader.loadPDF(pdf)) {
            for (PDPage page : saved.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont f = resources.getFont(name);
                    if (f instanceof PDType0Font) {
                        COSStream cmapStream = saved.getDocument().createCOSStream();
                        try (OutputStream out = cmapStream.createOutputStream(COSName.FLATE_DECODE)) {
                            out.write(toUnicodeCmap(glyphToChar).getBytes(StandardCharsets.US_ASCII));
                        }
                        f.getCOSObject().setItem(COSName.TO_UNICODE, cmapStream);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            saved.save(out);
            return out.toByteArray();
        }
    }

    private static boolean isRadical(int cp) {
        return cp >= 0x2E80 && cp <= 0x2FDF;
    }

    /** An Adobe ToUnicode CMap: the glyph codes (original glyph ids, Identity-H) to UTF-16 text. */
    private static String toUnicodeCmap(Map<Integer, Integer> glyphToChar) {
        StringBuilder s = new StringBuilder("""
                /CIDInit /ProcSet findresource begin
                12 dict begin
                begincmap
                /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
                /CMapName /Adobe-Identity-UCS def
                /CMapType 2 def
                1 begincodespacerange
                <0000> <FFFF>
                endcodespacerange
                """);
        List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(new TreeMap<>(glyphToChar).entrySet());
        for (int start = 0; start < entries.size(); start += 100) {
            List<Map.Entry<Integer, Integer>> block = entries.subList(start, Math.min(entries.size(), start + 100));
            s.append(block.size()).append(" beginbfchar\n");
            for (Map.Entry<Integer, Integer> e : block) {
                s.append(String.format("<%04X> <", e.getKey()));
                for (char c : Character.toChars(e.getValue())) {
                    s.append(String.format("%04X", (int) c));
                }
                s.append(">\n");
            }
            s.append("endbfchar\n");
        }
        s.append("""
                endcmap
                CMapName currentdict /CMap defineresource pop
                end
                end
                """);
        return s.toString();
    }
}
