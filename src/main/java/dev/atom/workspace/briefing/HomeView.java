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
    record Row(String id, String title, String detail, String when, String badge, String link) {}

    record GapView(String from, String to, String length) {}

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);
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
                        null,
                        time(m.start(), zone) + "–" + time(m.end(), zone),
                        m.conflict() ? "conflict" : null,
                        m.link());
            case BriefingItem.DueTask t ->
                new Row(
                        t.id(),
                        t.title(),
                        "none".equals(t.priority()) ? null : t.priority() + " priority",
                        day(t.due(), zone),
                        t.overdue() ? "overdue" : null,
                        t.link());
            case BriefingItem.Message m ->
                new Row(m.id(), m.subject(), m.from(), day(m.receivedAt(), zone), null, m.link());
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
