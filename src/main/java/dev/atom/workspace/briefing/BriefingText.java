package dev.atom.workspace.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * The briefing as text to send: plain text for e-mail and Markdown for Slack or chat, with absolute links
 * (Atom's public URL before each item's path). Sections without a source are left out; empty ones say so.
 */
final class BriefingText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter HEADING = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private BriefingText() {}

    /** One item in words, times in {@code zone}. */
    static String line(BriefingItem item, ZoneId zone) {
        return switch (item) {
            case BriefingItem.Meeting m ->
                (m.allDay()
                                ? "All day"
                                : CLOCK.format(m.start().atZone(zone)) + "–"
                                        + CLOCK.format(m.end().atZone(zone)))
                        + " " + m.title() + (m.conflict() ? " (conflict)" : "");
            case BriefingItem.DueTask t ->
                t.title()
                        + (t.overdue() ? " — overdue since " : " — due ")
                        + (t.allDay()
                                ? DAY.format(t.due().atZone(zone))
                                : DAY_CLOCK.format(t.due().atZone(zone)))
                        + ("atom".equals(t.source()) ? "" : " (" + Sources.name(t.source()) + ")");
            case BriefingItem.Message m ->
                m.label()
                        + (m.receivedAt() == null
                                ? ""
                                : ", " + DAY_CLOCK.format(m.receivedAt().atZone(zone)));
            case BriefingItem.Approval a -> a.label();
            case BriefingItem.FailedRun r ->
                r.workflow()
                        + (r.failedAt() == null
                                ? ""
                                : " failed " + DAY_CLOCK.format(r.failedAt().atZone(zone)))
                        + (r.error() == null ? "" : ": " + r.error());
            case BriefingItem.Reconnect c -> c.label() + (c.reason() == null ? "" : ": " + c.reason());
        };
    }

    static String plain(Briefing b, Function<String, String> absolute) {
        ZoneId zone = ZoneId.of(b.timeZone());
        StringBuilder sb = new StringBuilder("Briefing for " + heading(b.date()) + "\n\n");
        sb.append(b.summary().text()).append('\n');
        for (SectionKind kind : SectionKind.values()) {
            Briefing.SectionStatus s = b.status(kind);
            if (!s.available()) {
                continue;
            }
            sb.append('\n').append(kind.title()).append(" (").append(s.count()).append(")\n");
            if (s.error() != null) {
                sb.append("  ").append(s.error()).append('\n');
            } else if (s.count() == 0) {
                sb.append("  ").append(kind.emptyText()).append('\n');
            }
            for (BriefingItem item : b.items(kind)) {
                sb.append("- ")
                        .append(line(item, zone))
                        .append("\n  ")
                        .append(absolute.apply(item.link()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    static String markdown(Briefing b, Function<String, String> absolute) {
        ZoneId zone = ZoneId.of(b.timeZone());
        StringBuilder sb = new StringBuilder("*Briefing for " + heading(b.date()) + "*\n\n");
        sb.append(b.summary().text()).append('\n');
        for (SectionKind kind : SectionKind.values()) {
            Briefing.SectionStatus s = b.status(kind);
            if (!s.available()) {
                continue;
            }
            sb.append("\n*")
                    .append(kind.title())
                    .append("* (")
                    .append(s.count())
                    .append(")\n");
            if (s.error() != null) {
                sb.append("_").append(s.error()).append("_\n");
            } else if (s.count() == 0) {
                sb.append("_").append(kind.emptyText()).append("_\n");
            }
            for (BriefingItem item : b.items(kind)) {
                sb.append("- [")
                        .append(escape(line(item, zone)))
                        .append("](")
                        .append(absolute.apply(item.link()))
                        .append(")\n");
            }
        }
        return sb.toString();
    }

    static String heading(LocalDate date) {
        return HEADING.format(date);
    }

    /** Keeps a title from closing the link text early. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    static String time(Instant at, ZoneId zone) {
        return CLOCK.format(at.atZone(zone));
    }
}
