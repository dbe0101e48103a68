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

    private SearchKey() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(bare.toLowerCase(java.util.Locale.ROOT).trim()).replaceAll(" ");
    }
}
