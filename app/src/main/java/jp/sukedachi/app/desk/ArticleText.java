package jp.sukedachi.app.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An article's plain-text body as blocks a template draws with escaped text only (th:text), never as HTML: a blank
 * line ends a paragraph, a line break inside one stays a line break, lines starting with "- " (or "・") make a list
 * and lines starting with "1. " (any number, or "1）") a numbered list. Nothing in the text is ever markup.
 */
final class ArticleText {
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-・*]|•)\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d{1,3}[.．)）]\\s*(.*)$");

    private ArticleText() {
    }

    /** A paragraph (its lines), a list or a numbered list (their items). */
    record Block(Kind kind, List<String> lines) {
        enum Kind { PARAGRAPH, LIST, NUMBERED }

        public boolean paragraph() {
            return kind == Kind.PARAGRAPH;
        }

        public boolean list() {
            return kind == Kind.LIST;
        }

        public boolean numbered() {
            return kind == Kind.NUMBERED;
        }
    }

    static List<Block> blocks(String body) {
        List<Block> blocks = new ArrayList<>();
        if (body == null) {
            return blocks;
        }
        Block.Kind kind = null;
        List<String> lines = new ArrayList<>();
        for (String raw : body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String line = raw.strip();
            Block.Kind lineKind;
            String text = line;
            Matcher bullet = BULLET.matcher(line);
            Matcher numbered = NUMBERED.matcher(line);
            if (line.isEmpty()) {
                lineKind = null;
            } else if (bullet.matches()) {
                lineKind = Block.Kind.LIST;
                text = bullet.group(1);
            } else if (numbered.matches()) {
                lineKind = Block.Kind.NUMBERED;
                text = numbered.group(1);
            } else {
                lineKind = Block.Kind.PARAGRAPH;
            }
            if (lineKind != kind && kind != null) {
                blocks.add(new Block(kind, List.copyOf(lines)));
                lines.clear();
            }
            kind = lineKind;
            if (lineKind != null) {
                lines.add(text);
            }
        }
        if (kind != null) {
            blocks.add(new Block(kind, List.copyOf(lines)));
        }
        return blocks;
    }

    /** The first paragraph's first line, cut to {@code max} characters: the list's teaser. */
    static String summary(String body, int max) {
        for (Block b : blocks(body)) {
            if (b.paragraph()) {
                String first = b.lines().getFirst();
                return first.length() <= max ? first : first.substring(0, max - 1) + "…";
            }
        }
        return "";
    }
}
