package jp.sukedachi.app.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import jp.sukedachi.app.insurance.ClaimPackContent.PackFile;
import org.junit.jupiter.api.Test;

class PackNamesTest {
    private static List<String> paths(String... names) {
        return PackNames.paths(Stream.of(names).map(n -> new PackFile(n, "application/pdf", 0, "", () -> new byte[0]))
                .toList());
    }

    @Test
    void charactersWindowsRefusesBecomeUnderscoresAndHiddenOrTrailingDotsGo() {
        assertThat(paths("見積:2026/11?.pdf", "請求<最終>|版\".pdf", ".bashrc", "report.pdf. . ", "C:\\Users\\a\\請求書.pdf"))
                .containsExactly("files/11_.pdf", "files/請求_最終__版_.pdf", "files/bashrc", "files/report.pdf",
                        "files/請求書.pdf");
    }

    @Test
    void aVeryLongNameIsShortenedButKeepsItsExtension() {
        String name = PackNames.safe("調".repeat(300) + ".pdf");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(100);
        assertThat(name).endsWith("調.pdf");
        // Characters outside the basic plane are cut whole, never into half a surrogate pair.
        String emoji = PackNames.safe("😀".repeat(150));
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(100);
        assertThat(emoji).isEqualTo("😀".repeat(100));
    }

    @Test
    void namesThatDifferOnlyInCaseOrThatAreEmptyStillGetOneEntryEach() {
        assertThat(paths("A.pdf", "a.pdf", "a (2).pdf", "", null, "\0\u0007"))
                .containsExactly("files/A.pdf", "files/a (2).pdf", "files/a (2) (2).pdf", "files/file",
                        "files/file (2)", "files/file (3)");
    }

    @Test
    void decomposedJapaneseFromAMacIsStoredComposed() {
        // "ガ" typed on macOS arrives as カ + combining dakuten; the insurer's Windows shows two glyphs otherwise.
        assertThat(PackNames.safe("カ\u3099イド.pdf")).isEqualTo("ガイド.pdf");
    }
}
