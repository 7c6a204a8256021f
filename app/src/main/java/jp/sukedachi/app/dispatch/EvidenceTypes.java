package jp.sukedachi.app.dispatch;

import java.util.Locale;
import jp.sukedachi.app.shared.InvalidInput;

/**
 * A visit's evidence is a photo (JPEG, PNG, GIF, WebP, HEIC) or a PDF: checked by the file's first bytes, not only by
 * the type the browser claims, so nothing else is stored and served back.
 */
final class EvidenceTypes {
    private EvidenceTypes() {
    }

    /** The content type to store; refuses a file that is neither an image nor a PDF. */
    static String check(String claimed, byte[] content) {
        String detected = detect(content);
        if (detected == null) {
            throw new InvalidInput("file", "visit.error.fileType", null, "only photos (JPEG, PNG, GIF, WebP, HEIC)"
                    + " and PDF files are accepted" + (claimed == null ? "" : ", got " + claimed.toLowerCase(Locale.ROOT)));
        }
        return detected;
    }

    static String detect(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            String brand = new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("hev")) {
                return "image/heic";
            }
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
