package dev.slipway.sample;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * URL slugs of posts: the title in lower-case ASCII words joined by {@code -}, then the post's id, e.g.
 * {@code Café: notes (part 2)} with id 42 gives {@code cafe-notes-part-2-42}. The id makes every slug unique: the
 * part after the last {@code -} is always the id, and the title part never ends with {@code -}.
 */
public final class Slugs {

    /** The longest title part; the id comes on top. */
    static final int MAX_TITLE_LENGTH = 60;

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private Slugs() {}

    /**
     * The slug of a post.
     * @param title the post's title
     * @param id the post's id
     * @return e.g. {@code notes-on-the-analytical-engine-42}; {@code post-42} for a title without letters or digits
     */
    public static String of(String title, long id) {
        String ascii = COMBINING_MARKS
                .matcher(Normalizer.normalize(title, Normalizer.Form.NFD))
                .replaceAll("");
        String words = NOT_ALPHANUMERIC.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        if (words.length() > MAX_TITLE_LENGTH) {
            words = words.substring(0, MAX_TITLE_LENGTH);
        }
        words = trimDashes(words);
        return (words.isEmpty() ? "post" : words) + "-" + id;
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
