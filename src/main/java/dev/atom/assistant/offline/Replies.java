package dev.atom.assistant.offline;

import dev.atom.tools.ToolResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** How the offline assistant words its answers: items named, days and times in the person's zone. */
final class Replies {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    static final int MAX_LISTED = 10;

    private Replies() {}

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    static String moment(ZonedDateTime t) {
        return DAY.format(t) + " " + TIME.format(t);
    }

    static String time(ZonedDateTime t) {
        return TIME.format(t);
    }

    /** A tool's ISO date-time (any offset) or instant, in {@code zone}; null when absent or unreadable. */
    static ZonedDateTime at(JsonNode value, ZoneId zone) {
        if (value == null || !value.isString() || value.asString().isBlank()) {
            return null;
        }
        String text = value.asString();
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Instant.parse(text).atZone(zone);
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }

    /** “title” quoted as the tools' summaries quote. */
    static String quoted(String title) {
        return "“" + title + "”";
    }

    /** "a, b and c". */
    static String joined(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }

    /** One bullet a line. */
    static String bullets(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append("\n- ").append(l));
        return out.toString();
    }

    /** " (and n more)" when a list was cut, else nothing. */
    static String more(int shown, int total, boolean moreExist) {
        return total > shown || moreExist ? "\n(and more; open the page to see them all)" : "";
    }

    /** The answer when a write waits for approval rather than running, or null when it ran. */
    static String waiting(ToolResult result) {
        if (result instanceof ToolResult.Done done
                && done.output() != null
                && "waiting_for_approval".equals(done.output().path("status").asString(""))) {
            return "This needs your approval before it happens: "
                    + done.output().path("preview").asString("")
                    + ". It is waiting for you in this conversation (approve or reject it there).";
        }
        return null;
    }

    /** "I could not ...: why." for a failed tool call. */
    static String failed(String what, ToolResult.Failed failed) {
        return "I could not " + what + ": " + failed.message();
    }
}
