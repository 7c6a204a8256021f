package jp.sukedachi.app.report;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;

/** A monthly report mail as GreenMail received it: subject, text part and the attachment. */
record ReportMails(String subject, String text, String fileName, String contentType, byte[] pdf) {

    static ReportMails read(MimeMessage m) throws Exception {
        Multipart multipart = (Multipart) m.getContent();
        String text = null;
        String fileName = null;
        String type = null;
        byte[] pdf = null;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getFileName() != null) {
                fileName = part.getFileName();
                type = part.getContentType();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                part.getInputStream().transferTo(bytes);
                pdf = bytes.toByteArray();
            } else {
                text = textOf(part);
            }
        }
        return new ReportMails(m.getSubject(), text, fileName, type, pdf);
    }

    private static String textOf(BodyPart part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart inner) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < inner.getCount(); i++) {
                s.append(textOf(inner.getBodyPart(i)));
            }
            return s.toString();
        }
        return content.toString();
    }
}
