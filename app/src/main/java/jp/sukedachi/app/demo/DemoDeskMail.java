package jp.sukedachi.app.demo;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import jp.sukedachi.app.desk.DeskMailIntake;
import jp.sukedachi.simulate.SimWorld;
import org.springframework.stereotype.Component;

/**
 * The demo's desk mailbox: a customer's question by e-mail (a ticket with a photo of the screen) and two mails from
 * addresses no company is known by (a new colleague of the first company and a spam), waiting in the staff's
 * unmatched list. They go through the real intake, as the IMAP poller would feed them.
 */
@Component
class DemoDeskMail {
    static final String DESK = "desk@demo.sukedachi.jp";
    private final DeskMailIntake intake;
    private final Clock clock;

    DemoDeskMail(DeskMailIntake intake, Clock clock) {
        this.intake = intake;
        this.clock = clock;
    }

    void seed(SimWorld world) {
        SimWorld.Company first = world.companies().getFirst();
        String domain = first.slug() + ".example.jp";
        Instant now = clock.instant();
        take(mail("owner@" + domain, first.contactName(), "取引先を名乗るメールの添付ファイルについて",
                "いつもお世話になっております。\n取引先を名乗るメールに「請求書.zip」が付いていました。添付はまだ開いて"
                        + "いません。\n受信画面の写真を送ります。開いても大丈夫か確認していただけますか。",
                "受信画面.png"), now.minus(Duration.ofHours(3)));
        take(mail("sato@" + domain, "佐藤 花子", "パスワードの変え方を教えてください",
                "4月から入った佐藤です。パソコンのパスワードを変えるように言われましたが、やり方が分かりません。", null),
                now.minus(Duration.ofHours(2)));
        take(mail("winner@prize.example.net", null, "【当選】賞金のお受け取り手続き",
                "おめでとうございます。下記のリンクから手続きしてください。", null), now.minus(Duration.ofMinutes(40)));
    }

    private void take(byte[] raw, Instant at) {
        try {
            intake.take(raw, at);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("demo mail could not be taken in", e);
        }
    }

    /** A small picture standing in for the customer's phone photo of the screen. */
    static byte[] warningScreen() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(320, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0, 90, 170));
        g.fillRect(0, 0, 320, 200);
        g.setColor(new java.awt.Color(210, 30, 30));
        g.fillRect(40, 50, 240, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] mail(String from, String name, String subject, String text, String fileName) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress(from, name, StandardCharsets.UTF_8.name()));
            m.setRecipients(Message.RecipientType.TO, DESK);
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            if (fileName == null) {
                m.setText(text, StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart parts = new MimeMultipart();
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text, StandardCharsets.UTF_8.name());
                parts.addBodyPart(body);
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(warningScreen(), "image/png")));
                file.setFileName(fileName);
                file.setDisposition(MimeBodyPart.ATTACHMENT);
                parts.addBodyPart(file);
                m.setContent(parts);
            }
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
