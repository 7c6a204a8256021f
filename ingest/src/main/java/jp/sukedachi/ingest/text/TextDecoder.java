package jp.sukedachi.ingest.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Turns a record's bytes into text without losing any. A device's charset setting is {@code auto}
 * (valid UTF-8 stays UTF-8, else Shift_JIS as Japanese gear sends it — CP932 — else EUC-JP) or one named
 * charset (tried first, then UTF-8). Bytes valid in none of them are never replaced by U+FFFD silently:
 * the result says so and carries the original bytes in base64, so the record can be kept and recovered.
 * Plain Java: the syslog receiver and the HTTP line readers share it.
 */
public final class TextDecoder {
    public static final String AUTO = "auto";
    /** The settings a device may have, in the order a form offers them. */
    public static final List<String> SETTINGS = List.of(AUTO, "UTF-8", "Shift_JIS", "EUC-JP", "ISO-2022-JP");
    // Shift_JIS as Windows and Japanese appliances write it (NEC and IBM extensions, ～ and － as they mean them).
    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private final String setting;
    private final List<Charset> tries;

    /** The decoded text; {@code base64} is null when the text is exactly the bytes in {@code charset}. */
    public record Decoded(String text, String charset, String base64) {
        public boolean lossless() {
            return base64 == null;
        }
    }

    private TextDecoder(String setting, List<Charset> tries) {
        this.setting = setting;
        this.tries = tries;
    }

    /** The decoder for a device's setting; IllegalArgumentException names the allowed values. */
    public static TextDecoder of(String setting) {
        String s = normalise(setting);
        return switch (s) {
            case AUTO -> new TextDecoder(s, List.of(StandardCharsets.UTF_8, CP932, EUC_JP));
            case "UTF-8" -> new TextDecoder(s, List.of(StandardCharsets.UTF_8));
            case "Shift_JIS" -> new TextDecoder(s, List.of(CP932, StandardCharsets.UTF_8));
            case "EUC-JP" -> new TextDecoder(s, List.of(EUC_JP, StandardCharsets.UTF_8));
            case "ISO-2022-JP" -> new TextDecoder(s, List.of(ISO_2022_JP, StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("charset must be one of " + SETTINGS + "; got: " + setting);
        };
    }

    /** A setting in its canonical spelling (case and the usual aliases: sjis, cp932, windows-31j, utf8, eucjp). */
    public static String normalise(String setting) {
        String s = setting == null || setting.isBlank() ? AUTO : setting.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (s) {
            case "auto" -> AUTO;
            case "utf-8", "utf8" -> "UTF-8";
            case "shift-jis", "sjis", "cp932", "windows-31j", "ms932" -> "Shift_JIS";
            case "euc-jp", "eucjp" -> "EUC-JP";
            case "iso-2022-jp", "jis" -> "ISO-2022-JP";
            default -> throw new IllegalArgumentException("charset must be one of " + SETTINGS + "; got: " + setting);
        };
    }

    public String setting() {
        return setting;
    }

    public Decoded decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public Decoded decode(byte[] bytes, int offset, int length) {
        if (ascii(bytes, offset, length)) {
            return new Decoded(new String(bytes, offset, length, StandardCharsets.US_ASCII), "UTF-8", null);
        }
        for (Charset charset : tries) {
            if (charset == StandardCharsets.UTF_8) {
                // Checked in place, then one copy into the String: the strict CharsetDecoder below would allocate a
                // decoder and a char buffer per record, and most non-ASCII records of Japanese sites are UTF-8.
                if (validUtf8(bytes, offset, length)) {
                    return new Decoded(new String(bytes, offset, length, StandardCharsets.UTF_8), "UTF-8", null);
                }
                continue;
            }
            try {
                String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
                return new Decoded(text, name(charset), null);
            } catch (CharacterCodingException e) {
                // not this one; try the next
            }
        }
        // Readable where it can be, and the original bytes alongside so nothing is unrecoverable.
        String lossy = new String(bytes, offset, length, tries.getFirst());
        byte[] original = Arrays.copyOfRange(bytes, offset, offset + length);
        return new Decoded(lossy, name(tries.getFirst()), Base64.getEncoder().encodeToString(original));
    }

    private static String name(Charset charset) {
        return charset.equals(CP932) ? "Shift_JIS" : charset.name();
    }

    /**
     * Whether the bytes are well-formed UTF-8 as the strict JDK decoder reads it: no stray continuation bytes, no
     * overlong forms (C0, C1, E0 80..9F, F0 80..8F), no surrogates (ED A0..BF), nothing above U+10FFFF, nothing cut.
     */
    static boolean validUtf8(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xC2) {
                return false;
            }
            if (c < 0xE0) {
                if (i + 1 >= end || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= end || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if (c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 >= 0xA0) {
                    return false;
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= end || !continuation(b[i + 1]) || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if (c == 0xF0 && c1 < 0x90 || c == 0xF4 && c1 >= 0x90) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static boolean ascii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0 || bytes[i] == 0x1b) { // ESC: ISO-2022-JP shifts are 7-bit
                return false;
            }
        }
        return true;
    }
}
