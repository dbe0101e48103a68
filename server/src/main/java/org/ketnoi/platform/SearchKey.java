package org.ketnoi.platform;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Folds Vietnamese text for accent-insensitive search: "Phường Ba Đình" and "phuong ba dinh"
 * give the same key. đ/Đ are letters of their own, not d with a mark, so they are mapped by hand.
 */
public final class SearchKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Up to U+1EFF (Latin Extended Additional, where Vietnamese lives): each letter's folded form. */
    private static final char[] FOLDED = new char[0x1F00];

    static {
        for (char c = 0; c < FOLDED.length; c++) {
            String folded = slow(String.valueOf(c));
            FOLDED[c] = folded.length() == 1 ? folded.charAt(0) : 0;
        }
    }

    private SearchKey() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        // Millions of names go through here on import: one pass with a table, the slow way only for
        // the rare text the table does not cover (combining marks, spaces to collapse, other scripts).
        StringBuilder key = new StringBuilder(text.length());
        boolean space = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f = c < FOLDED.length ? FOLDED[c] : 0;
            if (f == 0 || Character.getType(c) == Character.NON_SPACING_MARK) {
                return slow(text);
            }
            if (f == ' ') {
                if (!space) {
                    key.append(' ');
                }
                space = true;
            } else {
                key.append(f);
                space = false;
            }
        }
        int end = key.length();
        return end > 0 && key.charAt(end - 1) == ' ' ? key.substring(0, end - 1) : key.toString();
    }

    /** Escapes a key for use inside a SQL LIKE pattern (backslash is PostgreSQL's default escape). */
    public static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String slow(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        String lower = bare.toLowerCase(java.util.Locale.ROOT);
        String collapsed = SPACES.matcher(lower).replaceAll(" ");
        // A lone whitespace character folds to one space (the table needs it), a longer text is trimmed.
        return text.length() == 1 ? collapsed : collapsed.trim();
    }
}
