package jp.sukedachi.app.insurance;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names evidence files get inside the pack's ZIP. An uploaded name is the uploader's text: it may carry a path
 * ({@code ../x}, {@code a/b}, {@code C:\x}), control or bidi-override characters (a name that reads "invoice.pdf"
 * but is not), or repeat another file's name. Each becomes a plain file name that unpacks inside {@code files/} on
 * Linux, macOS and Windows alike, unique even where the insurer's disk ignores case, and that {@code sha256sum -c}
 * reads back from the manifest line.
 */
final class PackNames {
    static final String FOLDER = "files/";
    private static final int MAX_CODE_POINTS = 100;
    private static final Pattern WINDOWS_RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    private PackNames() {
    }

    /** The ZIP paths of the files, in order: {@code files/<safe unique name>}. */
    static List<String> paths(List<ClaimPackContent.PackFile> files) {
        Set<String> taken = new HashSet<>();
        List<String> paths = new ArrayList<>(files.size());
        for (ClaimPackContent.PackFile file : files) {
            String name = safe(file == null ? null : file.name());
            String candidate = name;
            for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
                candidate = numbered(name, n);
            }
            paths.add(FOLDER + candidate);
        }
        return paths;
    }

    /** One name made safe; never empty. */
    static String safe(String original) {
        String name = Normalizer.normalize(original == null ? "" : original, Normalizer.Form.NFC);
        // Only the last segment of any path, whichever separator the uploader's system used.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                return;
            }
            // Characters Windows refuses in a file name.
            kept.appendCodePoint(":*?\"<>|".indexOf(cp) >= 0 ? '_' : cp);
        });
        // Leading dots hide a file (or climb with ".."), trailing dots and spaces vanish on Windows.
        name = kept.toString().replaceAll("^[\\s.]+|[\\s.]+$", "");
        if (name.isEmpty()) {
            name = "file";
        }
        if (WINDOWS_RESERVED.matcher(name).matches()) {
            name = "_" + name;
        }
        return shortened(name);
    }

    /** At most {@link #MAX_CODE_POINTS}, keeping a short extension so the file still opens with the right program. */
    private static String shortened(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_CODE_POINTS) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - ext.length());
        int keep = MAX_CODE_POINTS - ext.length();
        return base.substring(0, base.offsetByCodePoints(0, keep)) + ext;
    }

    /** {@code invoice.pdf} → {@code invoice (2).pdf}. */
    private static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }
}
