package dev.atom.assistant.offline;

import dev.atom.assistant.offline.Intent.Priority;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a priority phrase ("urgent", "high priority", "p1", "!high") and marks it used. */
final class Priorities {
    private static final Pattern NUMBERED = Pattern.compile("(?:^|\\s)(?:!|p|priority\\s*)([1-4])\\b");
    /** "!high", as quick-add boxes elsewhere write it. */
    private static final Pattern BANG = Pattern.compile("(?:^|\\s)!(urgent|high|medium|normal|low|top)\\b");

    private static final Pattern LEVEL_FIRST = Pattern.compile(
            "\\b(?:(?:with|at|as)\\s+)?(?:a\\s+)?(urgent|high|medium|normal|low|top)[\\s-]+prio(?:rity)?\\b");
    private static final Pattern LEVEL_LAST =
            Pattern.compile("\\bprio(?:rity)?\\s*(?:[:=]\\s*|is\\s+|\\s)(urgent|high|medium|normal|low)\\b");
    private static final Pattern WORD =
            Pattern.compile("(?<!\\w)(urgent(?:ly)?|asap|a\\.s\\.a\\.p\\.?|critical|important|!!+)(?=\\W|$)\\s*:?");

    private Priorities() {}

    static Priority find(Spans s) {
        Matcher m;
        if ((m = s.take(NUMBERED)) != null) {
            return switch (m.group(1)) {
                case "1" -> Priority.URGENT;
                case "2" -> Priority.HIGH;
                case "3" -> Priority.MEDIUM;
                default -> Priority.LOW;
            };
        }
        if ((m = s.take(BANG)) != null || (m = s.take(LEVEL_FIRST)) != null || (m = s.take(LEVEL_LAST)) != null) {
            return level(m.group(1));
        }
        if ((m = s.take(WORD)) != null) {
            return m.group(1).equals("important") ? Priority.HIGH : Priority.URGENT;
        }
        return Priority.NONE;
    }

    private static Priority level(String word) {
        return switch (word) {
            case "urgent", "top" -> Priority.URGENT;
            case "high" -> Priority.HIGH;
            case "medium", "normal" -> Priority.MEDIUM;
            default -> Priority.LOW;
        };
    }
}
