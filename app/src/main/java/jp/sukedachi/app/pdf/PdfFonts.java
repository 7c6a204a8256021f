package jp.sukedachi.app.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The Japanese font embedded in the self-help PDFs. Default: IPAexGothic shipped in the jar (a TrueType
 * font, which PDFBox can subset; see app/pom.xml). {@code sukedachi.pdf.font} may name another
 * TrueType-outline .ttf file; a missing file says so at start-up instead of producing broken PDFs.
 */
@Component
public class PdfFonts {
    static final String BUNDLED = "/fonts/ipaexg.ttf";
    private final byte[] font;

    PdfFonts(PdfSettings settings) {
        this.font = load(settings.font());
    }

    private static byte[] load(String path) {
        try {
            if (path != null && !path.isBlank()) {
                Path file = Path.of(path);
                if (!Files.isReadable(file)) {
                    throw new IllegalStateException("sukedachi.pdf.font=" + path + " is not a readable file; name a "
                            + "TrueType (.ttf) Japanese font, e.g. /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf "
                            + "(apt-get install fonts-ipaexfont-gothic), or leave it empty for the bundled IPAexGothic");
                }
                return Files.readAllBytes(file);
            }
            try (InputStream in = PdfFonts.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException(BUNDLED + " is missing from the jar; set sukedachi.pdf.font");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new document writer with the font loaded (each document gets its own subset). */
    public JapanesePdf newDocument() {
        return new JapanesePdf(font);
    }
}
