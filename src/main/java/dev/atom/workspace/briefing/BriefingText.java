package dev.atom.workspace.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The briefing as text to send: plain text for e-mail, Slack's mrkdwn, and Markdown for other chat apps, with
 * absolute links (Atom's public URL before each item's path). Sections without a source are left out; empty ones
 * say so.
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

    /** Markdown (CommonMark) for chat apps that render it: bold headings, {@code [line](url)} links. */
    static String markdown(Briefing b, Function<String, String> absolute) {
        return marked(b, absolute, MARKDOWN);
    }

    /** Slack's mrkdwn: {@code *bold*} headings and {@code <url|line>} links (Slack shows Markdown links as typed). */
    static String slack(Briefing b, Function<String, String> absolute) {
        return marked(b, absolute, SLACK);
    }

    /** How one flavour writes bold, italics and a link. */
    private record Style(String bold, String italic, BinaryOperator<String> link, UnaryOperator<String> escape) {}

    private static final Style MARKDOWN = new Style(
            "**", "_", (text, url) -> "[" + escapeMarkdown(text) + "](" + url + ")", BriefingText::escapeMarkdown);
    private static final Style SLACK =
            new Style("*", "_", (text, url) -> "<" + url + "|" + escapeSlack(text) + ">", BriefingText::escapeSlack);

    private static String marked(Briefing b, Function<String, String> absolute, Style style) {
        ZoneId zone = ZoneId.of(b.timeZone());
        StringBuilder sb =
                new StringBuilder(style.bold() + "Briefing for " + heading(b.date()) + style.bold() + "\n\n");
        sb.append(style.escape().apply(b.summary().text())).append('\n');
        for (SectionKind kind : SectionKind.values()) {
            Briefing.SectionStatus s = b.status(kind);
            if (!s.available()) {
                continue;
            }
            sb.append('\n')
                    .append(style.bold())
                    .append(kind.title())
                    .append(style.bold())
                    .append(" (")
                    .append(s.count())
                    .append(")\n");
            if (s.error() != null) {
                sb.append(style.italic())
                        .append(s.error())
                        .append(style.italic())
                        .append('\n');
            } else if (s.count() == 0) {
                sb.append(style.italic())
                        .append(kind.emptyText())
                        .append(style.italic())
                        .append('\n');
            }
            for (BriefingItem item : b.items(kind)) {
                sb.append("- ")
                        .append(style.link().apply(line(item, zone), absolute.apply(item.link())))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    static String heading(LocalDate date) {
        return HEADING.format(date);
    }

    /** Keeps a title from closing the link text early or turning into formatting. */
    private static String escapeMarkdown(String text) {
        return text.replace("\\", "\\\\")
                .replace("[", "\\[")
                .replace("]", "\\]")
                .replace("*", "\\*")
                .replace("_", "\\_")
                .replace("<", "\\<"); // else <word> is raw HTML in CommonMark
    }

    /** Slack's three control characters (a title with {@code <} or {@code |} must not end the link). */
    private static String escapeSlack(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("|", "¦");
    }

    static String time(Instant at, ZoneId zone) {
        return CLOCK.format(at.atZone(zone));
    }
}
