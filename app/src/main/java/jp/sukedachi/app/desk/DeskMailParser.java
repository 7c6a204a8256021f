package jp.sukedachi.app.desk;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.shared.Hashes;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads one raw e-mail (RFC 5322 bytes) into what the desk keeps: its Message-ID and the ids it answers, the
 * sender, subject, a plain-text body (text/plain preferred, else the HTML part as text) and its attachments.
 * Japanese mail is read in its own charset (ISO-2022-JP, Shift_JIS, EUC-JP, with the Windows variants that also
 * hold ① and ㈱).
 */
final class DeskMailParser {
    private static final Pattern ANGLE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Session SESSION = Session.getInstance(new Properties());

    private DeskMailParser() {
    }

    /** One file attached to a mail. */
    record Attachment(String fileName, String contentType, byte[] content) {
    }

    /**
     * A parsed mail.
     *
     * @param messageId   its Message-ID, or an id made from its bytes when it has none (so it is still stored once)
     * @param answers     the ids it answers: In-Reply-To first, then References, newest first
     * @param sentAt      the Date header, null when missing or unreadable
     */
    record Parsed(String messageId, List<String> answers, String fromEmail, String fromName, String subject,
            String body, Instant sentAt, List<Attachment> attachments) {
    }

    static Parsed parse(byte[] raw) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        String messageId = firstId(m.getMessageID());
        if (messageId == null) {
            messageId = "<sha256-" + Hashes.sha256(raw) + "@no-message-id.invalid>";
        }
        LinkedHashSet<String> answers = new LinkedHashSet<>(ids(m.getHeader("In-Reply-To", " ")));
        List<String> references = ids(m.getHeader("References", " "));
        for (int i = references.size() - 1; i >= 0; i--) {
            answers.add(references.get(i));
        }
        answers.remove(messageId);
        String fromEmail = null;
        String fromName = null;
        Address[] from = safeFrom(m);
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress a) {
            fromEmail = a.getAddress();
            fromName = displayName(m.getHeader("From", ","), a.getPersonal());
        }
        String rawSubject = m.getHeader("Subject", null);
        String subject = rawSubject == null ? null : decodeWords(MimeUtility.unfold(rawSubject));
        Body body = new Body();
        walk(m, body);
        String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
        java.util.Date sent = null;
        try {
            sent = m.getSentDate();
        } catch (MessagingException e) {
            // an unreadable Date header: the server's receipt time is used instead
        }
        return new Parsed(messageId, List.copyOf(answers), fromEmail == null ? null : fromEmail.strip(),
                blankToNull(fromName), subject == null ? "" : subject.strip(), normalizeText(text),
                sent == null ? null : sent.toInstant(), List.copyOf(body.attachments));
    }

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    /**
     * A header's encoded words (RFC 2047) decoded in their charset as {@link #charsetOf} widens it, so a subject
     * labelled ISO-2022-JP that holds ㈱ or ① (as Windows mailers write them) reads right; other text is kept.
     */
    static String decodeWords(String header) {
        String joined = BETWEEN_WORDS.matcher(header).replaceAll("$1$2");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String decoded;
            try {
                byte[] bytes = m.group(2).equalsIgnoreCase("B") ? java.util.Base64.getMimeDecoder().decode(m.group(3))
                        : qDecode(m.group(3));
                decoded = new String(bytes, charsetOf(m.group(1).replaceAll("\\*.*$", "")));
            } catch (IllegalArgumentException e) {
                decoded = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] qDecode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** The sender's name from the raw From header ("name" <address>), decoded as {@link #decodeWords}. */
    private static String displayName(String rawFrom, String fallback) {
        if (rawFrom == null) {
            return fallback;
        }
        String unfolded = MimeUtility.unfold(rawFrom);
        int angle = unfolded.indexOf('<');
        if (angle <= 0 || unfolded.indexOf(',') >= 0 && unfolded.indexOf(',') < angle && !unfolded.startsWith("\"")) {
            return fallback;
        }
        String name = unfolded.substring(0, angle).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\\\"", "\"");
        }
        name = decodeWords(name).strip();
        return name.isEmpty() ? fallback : name;
    }

    private static Address[] safeFrom(MimeMessage m) {
        try {
            return m.getFrom();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static final class Body {
        String plain;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
    }

    private static void walk(Part part, Body body) throws MessagingException, IOException {
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
        if (part.isMimeType("multipart/*") && !attachment) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), body);
            }
        } else if (!attachment && part.isMimeType("text/plain")) {
            if (body.plain == null) {
                body.plain = readText(part);
            }
        } else if (!attachment && part.isMimeType("text/html")) {
            if (body.html == null) {
                body.html = readText(part);
            }
        } else if (attachment || part.isMimeType("message/rfc822") || !part.isMimeType("text/*")) {
            String name = fileName != null ? fileName
                    : part.isMimeType("message/rfc822") ? "message.eml" : "attachment";
            try (InputStream in = part.getInputStream()) {
                body.attachments.add(new Attachment(name, baseType(part), in.readAllBytes()));
            }
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    /** The attachment's file name, encoded words decoded, without any folder part; null when it has none. */
    static String fileName(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            return null;
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.contains("=?")) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                // kept as written
            }
        }
        name = name.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        if (name.isEmpty()) {
            return null;
        }
        return name.length() <= 200 ? name : name.substring(name.length() - 200);
    }

    /** A text part in its declared charset; Japanese charsets read with their Windows supersets. */
    private static String readText(Part part) throws MessagingException, IOException {
        String charset = null;
        try {
            charset = new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            // no usable Content-Type: the default below
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        return new String(bytes, charsetOf(charset));
    }

    static Charset charsetOf(String declared) {
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String name = MimeUtility.javaCharset(declared.strip().replace("\"", "")).toLowerCase(Locale.ROOT);
        String wider = switch (name) {
            case "iso-2022-jp", "iso2022jp", "csiso2022jp" -> "x-windows-iso2022jp";
            case "shift_jis", "sjis", "x-sjis", "shift-jis", "ms_kanji", "csshiftjis" -> "windows-31j";
            case "euc-jp", "eucjp", "x-euc-jp" -> "x-eucjp-open";
            default -> name;
        };
        for (String candidate : List.of(wider, name)) {
            try {
                if (Charset.isSupported(candidate)) {
                    return Charset.forName(candidate);
                }
            } catch (IllegalArgumentException e) {
                // an illegal charset name: try the next
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static final Pattern COMMENTS = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BLOCK_END = Pattern.compile(
            "(?i)</?(p|div|tr|h[1-6]|blockquote|pre|table|ul|ol|section|article|header|footer)\\b[^>]*>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    /** HTML as readable text: invisible parts and tags removed, blocks and line breaks kept, entities decoded. */
    static String htmlToText(String html) {
        String s = COMMENTS.matcher(html).replaceAll("");
        s = INVISIBLE.matcher(s).replaceAll("");
        s = s.replaceAll("[\\r\\n]+", " ");
        s = LINE_BREAK.matcher(s).replaceAll("\n");
        s = BLOCK_END.matcher(s).replaceAll("\n");
        s = LIST_ITEM.matcher(s).replaceAll("\n・");
        s = TAG.matcher(s).replaceAll("");
        return HtmlUtils.htmlUnescape(s).replace('\u00A0', ' ');
    }

    /** Line ends as \n, trailing spaces removed, no more than one empty line in a row, no leading or final blanks. */
    static String normalizeText(String text) {
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        s = s.replaceAll("[ \\t\\u3000]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
        return s.strip();
    }

    /** The first {@code <id>} of a header, or null. */
    static String firstId(String header) {
        List<String> all = ids(header);
        return all.isEmpty() ? null : all.getFirst();
    }

    /** Every {@code <id>} of a header in order. */
    static List<String> ids(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        Matcher m = ANGLE_ID.matcher(header);
        while (m.find()) {
            String id = m.group();
            if (id.length() <= 998) {
                out.add(id);
            }
        }
        return out;
    }


    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
