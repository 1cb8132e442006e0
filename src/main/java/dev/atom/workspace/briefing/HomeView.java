package dev.atom.workspace.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The briefing ready for the home page: the day's heading and neighbours, and each section with its rows in
 * words and times in the viewer's zone.
 */
record HomeView(
        String date,
        String heading,
        boolean today,
        String previous,
        String next,
        String todayDate,
        String timeZone,
        String summary,
        List<SectionView> sections,
        List<GapView> gaps) {

    /** A section card; {@code error} when its source failed, {@code available} false when nothing provides it. */
    record SectionView(
            String kind, String title, boolean available, int count, String error, String empty, List<Row> rows) {}

    /** One item: what, when, a badge (overdue, conflict...) and where it opens. */
    record Row(String id, String title, String detail, String when, String badge, String link) {
        /** A link to the item at its service (a Jira issue...), opened in a new tab. */
        public boolean external() {
            return link != null && (link.startsWith("https://") || link.startsWith("http://"));
        }
    }

    record GapView(String from, String to, String length) {}

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter HEADING = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    static HomeView of(Briefing b, LocalDate today) {
        ZoneId zone = ZoneId.of(b.timeZone());
        List<SectionView> sections = new ArrayList<>();
        for (SectionKind kind : SectionKind.values()) {
            Briefing.SectionStatus s = b.status(kind);
            List<Row> rows = b.items(kind).stream().map(i -> row(i, zone)).toList();
            sections.add(new SectionView(
                    kind.wire(), kind.title(), s.available(), s.count(), s.error(), kind.emptyText(), rows));
        }
        List<GapView> gaps = b.gaps().stream()
                .map(g -> new GapView(time(g.start(), zone), time(g.end(), zone), length(g.minutes())))
                .toList();
        return new HomeView(
                b.date().toString(),
                HEADING.format(b.date()),
                b.date().equals(today),
                b.date().minusDays(1).toString(),
                b.date().plusDays(1).toString(),
                today.toString(),
                b.timeZone(),
                b.summary().text(),
                sections,
                gaps);
    }

    private static Row row(BriefingItem item, ZoneId zone) {
        return switch (item) {
            case BriefingItem.Meeting m ->
                new Row(
                        m.id(),
                        m.title(),
                        join(m.calendar(), m.location()),
                        m.allDay() ? "all day" : time(m.start(), zone) + "–" + time(m.end(), zone),
                        m.conflict() ? "conflict" : m.busy() ? null : "free",
                        m.link());
            case BriefingItem.DueTask t ->
                new Row(
                        t.id(),
                        t.title(),
                        join(
                                "atom".equals(t.source()) ? null : Sources.name(t.source()),
                                "none".equals(t.priority()) ? null : t.priority() + " priority"),
                        t.allDay() ? DATE.format(t.due().atZone(zone)) : day(t.due(), zone),
                        t.overdue() ? "overdue" : null,
                        t.link());
            case BriefingItem.Message m ->
                new Row(
                        m.id(),
                        m.subject() == null || m.subject().isBlank() ? "(no subject)" : m.subject(),
                        join(m.from(), Sources.name(m.source())),
                        day(m.receivedAt(), zone),
                        null,
                        m.link());
            case BriefingItem.Approval a ->
                new Row(
                        a.id(),
                        a.workflow(),
                        a.message(),
                        a.since() == null ? null : day(a.since(), zone),
                        null,
                        a.link());
            case BriefingItem.FailedRun r ->
                new Row(r.id(), r.workflow(), r.error(), day(r.failedAt(), zone), "failed", r.link());
            case BriefingItem.Reconnect c ->
                new Row(
                        c.id(),
                        c.name(),
                        c.connector() + (c.reason() == null ? "" : ": " + c.reason()),
                        null,
                        "reconnect",
                        c.link());
        };
    }

    /** The parts that are there, joined by a middle dot; null when none is. */
    private static String join(String... parts) {
        List<String> there = java.util.Arrays.stream(parts)
                .filter(p -> p != null && !p.isBlank())
                .toList();
        return there.isEmpty() ? null : String.join(" · ", there);
    }

    private static String time(Instant at, ZoneId zone) {
        return CLOCK.format(at.atZone(zone));
    }

    private static String day(Instant at, ZoneId zone) {
        return at == null ? null : DAY.format(at.atZone(zone));
    }

    private static String length(long minutes) {
        return minutes < 60
                ? minutes + " min"
                : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
