package jp.sukedachi.app.selfcheck.lessons;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The certificate of a completed course, in Japanese (with an English line), naming the person and the company. */
@Component
class CertificatePdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(Formats.TOKYO);
    private final PdfFonts fonts;
    private final MessageSource messages;

    public CertificatePdf(PdfFonts fonts, MessageSource messages) {
        this.fonts = fonts;
        this.messages = messages;
    }

    public byte[] render(String company, String person, UUID userId, LessonService.CourseProgress done) {
        Course course = done.course();
        String courseJa = messages.getMessage(course.labelKey(), null, Locale.JAPANESE);
        String courseEn = messages.getMessage(course.labelKey(), null, Locale.ENGLISH);
        String number = userId.toString().substring(0, 8).toUpperCase(Locale.ROOT) + "-" + course.number();
        return fonts.newDocument()
                .gap(60)
                .line("修了証", 30, JapanesePdf.Align.CENTER)
                .line("Certificate of completion", 12, JapanesePdf.Align.CENTER)
                .gap(40)
                .line(company, 14, JapanesePdf.Align.CENTER)
                .gap(6)
                .line(person + " 様", 22, JapanesePdf.Align.CENTER)
                .gap(30)
                .paragraph("あなたは情報セキュリティ学習「" + courseJa + "」（自社診断の項目 " + course.first() + "〜" + course.last()
                        + "）のすべてのレッスンで、確認テストに全問正解しました。ここにその修了を証します。", 12)
                .paragraph("You answered every quiz question of all lessons of the security course \"" + courseEn
                        + "\" correctly.", 10)
                .gap(30)
                .line("修了日 " + DATE.format(done.completedAt()), 12, JapanesePdf.Align.RIGHT)
                .line("証書番号 " + number, 10, JapanesePdf.Align.RIGHT)
                .line("助太刀 情報セキュリティ学習", 12, JapanesePdf.Align.RIGHT)
                .toBytes();
    }
}
