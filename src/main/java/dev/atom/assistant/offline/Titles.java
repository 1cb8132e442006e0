package dev.atom.assistant.offline;

import java.util.regex.Pattern;

/** Trims what is left of a request once its command, dates and priority are read, so only the title remains. */
final class Titles {
    private static final Pattern LEADING = Pattern.compile(
            "^(?:(?:to|that|and|about|for|on|at|by|due|please|then|also|task|todo|reminder)\\b|[,:;\\-–.]+)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING = Pattern.compile(
            "(?:\\s+(?:to|and|on|at|by|due|for|from|with|in|please|thanks|thank you|the|starting)|[\\s,:;\\-–.!?]+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ARTICLE = Pattern.compile("^(?:a|an|the)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("^[\"'“‘](.+)[\"'”’]$");

    private Titles() {}

    static String clean(String rest) {
        String t = rest.strip();
        String before;
        do {
            before = t;
            t = LEADING.matcher(t).replaceFirst("");
            t = TRAILING.matcher(t).replaceFirst("");
            t = QUOTED.matcher(t).replaceFirst("$1").strip();
        } while (!t.equals(before));
        return t;
    }

    /** An event or a task name reads better without its article ("meeting with Dana"). */
    static String withoutArticle(String title) {
        return ARTICLE.matcher(title).replaceFirst("");
    }
}
