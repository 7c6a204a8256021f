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
 * A small flowing-text writer for A4 documents in Japanese: title, headings, wrapped paragraphs, tables and
 * greyscale vector charts (bars, lines), paginated. The font is embedded as a subset. Not thread-safe; one per document.
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
    private int pages;

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

    // --------------------------------------------------------------------------------------------- charts

    /** Fills for series, darkest first; odd series are also hatched so two similar greys still tell apart on paper. */
    private static final float[] GREYS = {0.2f, 0.72f, 0.45f, 0.9f};
    private static final float CHART_FONT = 8.5f;

    /**
     * A horizontal bar chart: one group per label, one bar per series (a legend names the series when there is
     * more than one), each bar's value printed at its end. Bars are greys, every second series hatched, so the
     * chart reads printed in black and white; bars share one scale (the largest value). A group never splits across
     * pages, and the caption and legend stay with the first group. Drawn as vector paths, not an image.
     *
     * @param series one array per series name, each with one value per label (negative values count as zero)
     */
    public JapanesePdf barChart(String caption, List<String> labels, List<String> seriesNames, List<long[]> series) {
        if (series.size() != seriesNames.size()) {
            throw new IllegalArgumentException("one series per series name: " + series.size() + " for "
                    + seriesNames.size());
        }
        for (long[] values : series) {
            if (values.length != labels.size()) {
                throw new IllegalArgumentException("each series needs one value per label (" + labels.size() + ")");
            }
        }
        try {
            float bar = 10;
            float barGap = 2;
            float groupGap = 7;
            float labelWidth = width() * 0.34f;
            long max = 1;
            float valueWidth = 0;
            for (long[] values : series) {
                for (long v : values) {
                    max = Math.max(max, v);
                    valueWidth = Math.max(valueWidth, textWidth(number(v), CHART_FONT));
                }
            }
            float barsX = MARGIN + labelWidth;
            float barsWidth = width() - labelWidth - valueWidth - 6;
            float groupHeight = 0;
            List<List<String>> wrapped = new ArrayList<>();
            for (String label : labels) {
                wrapped.add(wrap(label, CHART_FONT, labelWidth - 8));
            }
            float head = chartHead(caption, seriesNames);
            float firstGroup = labels.isEmpty() ? 0 : groupHeight(wrapped.get(0), series.size(), bar, barGap) + groupGap;
            ensureRoom(head + firstGroup);
            drawChartHead(caption, seriesNames, true);
            for (int l = 0; l < labels.size(); l++) {
                groupHeight = groupHeight(wrapped.get(l), series.size(), bar, barGap);
                ensureRoom(groupHeight + groupGap);
                float top = y;
                List<String> lines = wrapped.get(l);
                for (int i = 0; i < lines.size(); i++) {
                    show(lines.get(i), CHART_FONT, MARGIN, top - CHART_FONT * (1.1f + i * 1.25f));
                }
                for (int s = 0; s < series.size(); s++) {
                    long v = Math.max(0, series.get(s)[l]);
                    float by = top - (s + 1) * bar - s * barGap;
                    float bw = barsWidth * v / max;
                    if (v > 0 && bw < 1) {
                        bw = 1; // a non-zero value is never drawn as nothing
                    }
                    if (bw > 0) {
                        fillBar(barsX, by, bw, bar, s);
                    }
                    show(number(v), CHART_FONT, barsX + bw + 3, by + (bar - CHART_FONT) / 2 + 1.2f);
                }
                // The axis the bars stand on.
                content.setStrokingColor(0f);
                content.setLineWidth(0.6f);
                content.moveTo(barsX, top);
                content.lineTo(barsX, top - groupHeight);
                content.stroke();
                y = top - groupHeight - groupGap;
            }
            gap(4);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float groupHeight(List<String> labelLines, int bars, float bar, float barGap) {
        float barsHeight = bars * bar + Math.max(0, bars - 1) * barGap;
        return Math.max(barsHeight, labelLines.size() * CHART_FONT * 1.25f + 2);
    }

    /**
     * A line chart of a trend over {@code xLabels} (e.g. months): the values on a vertical scale from {@code min}
     * to {@code max} with five labelled grid lines, each point marked and its value printed above it; series differ
     * by marker (circle, square, triangle, diamond) and dash so they tell apart without colour. {@link Double#NaN}
     * is a missing point (the line breaks there). The chart is kept whole on one page.
     *
     * @param series one array per series name, each with one value per x label
     */
    public JapanesePdf lineChart(String caption, List<String> xLabels, List<String> seriesNames, List<double[]> series,
            double min, double max) {
        if (series.size() != seriesNames.size()) {
            throw new IllegalArgumentException("one series per series name: " + series.size() + " for "
                    + seriesNames.size());
        }
        for (double[] values : series) {
            if (values.length != xLabels.size()) {
                throw new IllegalArgumentException("each series needs one value per x label (" + xLabels.size() + ")");
            }
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("max must be above min: " + min + ".." + max);
        }
        try {
            float plotHeight = 150;
            float axisLabels = CHART_FONT * 2.6f;
            float head = chartHead(caption, seriesNames);
            ensureRoom(head + plotHeight + axisLabels + CHART_FONT * 2 + 8);
            drawChartHead(caption, seriesNames, false);
            float scaleWidth = 0;
            for (int i = 0; i <= 4; i++) {
                scaleWidth = Math.max(scaleWidth, textWidth(decimal(min + (max - min) * i / 4), CHART_FONT));
            }
            float left = MARGIN + scaleWidth + 6;
            float plotWidth = width() - (left - MARGIN) - 4;
            float top = y - CHART_FONT * 1.6f; // room for the value printed above a point at the maximum
            float bottom = top - plotHeight;
            // Grid: light lines with the scale on the left.
            content.setLineWidth(0.3f);
            content.setStrokingColor(0.6f);
            for (int i = 0; i <= 4; i++) {
                double v = min + (max - min) * i / 4;
                float gy = bottom + plotHeight * i / 4;
                content.moveTo(left, gy);
                content.lineTo(left + plotWidth, gy);
                content.stroke();
                String text = decimal(v);
                show(text, CHART_FONT, left - 4 - textWidth(text, CHART_FONT), gy - CHART_FONT * 0.35f);
            }
            content.setStrokingColor(0f);
            content.setLineWidth(0.6f);
            content.moveTo(left, top);
            content.lineTo(left, bottom);
            content.lineTo(left + plotWidth, bottom);
            content.stroke();
            int n = xLabels.size();
            float step = n == 0 ? 0 : plotWidth / n;
            // X labels under the axis; when they do not fit side by side every other one is printed lower.
            float widest = 0;
            List<String> labels = new ArrayList<>();
            for (String label : xLabels) {
                labels.add(oneLine(label));
                widest = Math.max(widest, textWidth(labels.getLast(), CHART_FONT));
            }
            boolean stagger = widest > step - 2;
            for (int i = 0; i < n; i++) {
                String label = labels.get(i);
                float cx = left + step * (i + 0.5f);
                float ly = bottom - CHART_FONT * 1.3f - (stagger && i % 2 == 1 ? CHART_FONT * 1.2f : 0);
                show(label, CHART_FONT, cx - textWidth(label, CHART_FONT) / 2, ly);
            }
            for (int s = 0; s < series.size(); s++) {
                double[] values = series.get(s);
                content.setLineWidth(1.2f);
                content.setLineDashPattern(s % 2 == 0 ? new float[0] : new float[] {4, 2}, 0);
                boolean drawing = false;
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(values[i])) {
                        drawing = false;
                        continue;
                    }
                    float px = left + step * (i + 0.5f);
                    float py = pointY(values[i], min, max, bottom, plotHeight);
                    if (drawing) {
                        content.lineTo(px, py);
                    } else {
                        content.moveTo(px, py);
                        drawing = true;
                    }
                }
                content.stroke();
                content.setLineDashPattern(new float[0], 0);
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(values[i])) {
                        continue;
                    }
                    float px = left + step * (i + 0.5f);
                    float py = pointY(values[i], min, max, bottom, plotHeight);
                    marker(s, px, py);
                    String text = decimal(values[i]);
                    float ty = s % 2 == 0 ? py + 5 : py - 5 - CHART_FONT;
                    show(text, CHART_FONT, px - textWidth(text, CHART_FONT) / 2, ty);
                }
            }
            y = bottom - axisLabels - (stagger ? CHART_FONT * 1.2f : 0);
            gap(6);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float pointY(double v, double min, double max, float bottom, float height) {
        double clamped = Math.max(min, Math.min(max, v));
        return bottom + (float) ((clamped - min) / (max - min)) * height;
    }

    /** The height of a chart's caption and (for more than one series) legend. */
    private float chartHead(String caption, List<String> seriesNames) throws IOException {
        float h = wrap(caption, 10.5f, width()).size() * 10.5f * LEADING + 2;
        return seriesNames.size() > 1 ? h + CHART_FONT * 2.4f : h;
    }

    /** The caption, then (for more than one series) a legend: each series' bar swatch, or its line and marker. */
    private void drawChartHead(String caption, List<String> seriesNames, boolean bars) throws IOException {
        for (String line : wrap(caption, 10.5f, width())) {
            write(line, 10.5f, MARGIN);
        }
        y -= 2;
        if (seriesNames.size() > 1) {
            float x = MARGIN;
            y -= CHART_FONT * 1.6f;
            for (int s = 0; s < seriesNames.size(); s++) {
                if (bars) {
                    fillBar(x, y, 14, CHART_FONT, s);
                } else {
                    content.setStrokingColor(0f);
                    content.setLineWidth(1.2f);
                    content.setLineDashPattern(s % 2 == 0 ? new float[0] : new float[] {4, 2}, 0);
                    content.moveTo(x, y + CHART_FONT / 2);
                    content.lineTo(x + 14, y + CHART_FONT / 2);
                    content.stroke();
                    content.setLineDashPattern(new float[0], 0);
                    marker(s, x + 7, y + CHART_FONT / 2);
                }
                String name = oneLine(seriesNames.get(s));
                show(name, CHART_FONT, x + 18, y + 1.2f);
                x += 18 + textWidth(name, CHART_FONT) + 14;
            }
            y -= CHART_FONT * 0.8f; // room between the legend and the first bar or the plot's top
        }
    }

    /** A bar of series {@code s}: its grey, a black outline, and diagonal hatching for every second series. */
    private void fillBar(float x, float by, float w, float h, int s) throws IOException {
        content.saveGraphicsState();
        content.setNonStrokingColor(GREYS[s % GREYS.length]);
        content.addRect(x, by, w, h);
        content.fill();
        if (s % 2 == 1) {
            content.addRect(x, by, w, h);
            content.clip();
            content.setStrokingColor(0f);
            content.setLineWidth(0.5f);
            for (float hx = x - h; hx < x + w; hx += 4) {
                content.moveTo(hx, by);
                content.lineTo(hx + h, by + h);
            }
            content.stroke();
        }
        content.restoreGraphicsState();
        content.setStrokingColor(0f);
        content.setLineWidth(0.5f);
        content.addRect(x, by, w, h);
        content.stroke();
    }

    /** A point's marker: circle, square, triangle, diamond, white-filled so a line behind it stops at its edge. */
    private void marker(int s, float cx, float cy) throws IOException {
        float r = 2.8f;
        content.setNonStrokingColor(1f);
        content.setStrokingColor(0f);
        content.setLineWidth(0.9f);
        switch (s % 4) {
            case 0 -> {
                float k = 0.5523f * r; // the Bézier approximation of a quarter circle
                content.moveTo(cx + r, cy);
                content.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                content.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                content.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                content.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                content.closePath();
            }
            case 1 -> content.addRect(cx - r, cy - r, 2 * r, 2 * r);
            case 2 -> {
                content.moveTo(cx, cy + r * 1.2f);
                content.lineTo(cx - r * 1.1f, cy - r * 0.8f);
                content.lineTo(cx + r * 1.1f, cy - r * 0.8f);
                content.closePath();
            }
            default -> {
                content.moveTo(cx, cy + r * 1.3f);
                content.lineTo(cx - r * 1.3f, cy);
                content.lineTo(cx, cy - r * 1.3f);
                content.lineTo(cx + r * 1.3f, cy);
                content.closePath();
            }
        }
        content.fillAndStroke();
        content.setNonStrokingColor(0f);
    }

    /** The text with what the font cannot draw replaced, on one line. */
    private String oneLine(String text) throws IOException {
        return String.join(" ", wrap(text, CHART_FONT, Float.MAX_VALUE));
    }

    private static String number(long v) {
        return String.format(java.util.Locale.ROOT, "%,d", v);
    }

    /** A scale or point value: whole numbers without decimals, others with one. */
    private static String decimal(double v) {
        return v == Math.rint(v) ? number((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /** Starts a new page unless {@code points} of room are left: keeps a heading with the chart it introduces. */
    public JapanesePdf keepTogether(float points) {
        try {
            ensureRoom(points);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** How many pages the finished PDF has (0 before {@link #toBytes()}). */
    public int pageCount() {
        return pages;
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
            pages = doc.getNumberOfPages();
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
