package dev.atom.workspace.briefing;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary made without any model: the counts of each section in one readable line ("3 meetings, first at
 * 09:30; 2 tasks overdue; ..."). Deterministic, so it is what tests, e-mails and Slack messages can rely on.
 */
final class OfflineSummary {
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private OfflineSummary() {}

    static Briefing.Summary of(Briefing b) {
        return new Briefing.Summary(text(b), "offline", null, List.of(), null);
    }

    static String text(Briefing b) {
        List<String> parts = new ArrayList<>();
        ZoneId zone = ZoneId.of(b.timeZone());
        if (available(b, SectionKind.MEETINGS)) {
            if (b.meetings().isEmpty()) {
                parts.add("no meetings");
            } else {
                long conflicts = b.meetings().stream()
                        .filter(BriefingItem.Meeting::conflict)
                        .count();
                parts.add(count(b.meetings().size(), "meeting")
                        + ", first at "
                        + CLOCK.format(b.meetings().getFirst().start().atZone(zone))
                        + (conflicts == 0 ? "" : " (" + count(conflicts, "conflict") + ")"));
            }
        }
        if (available(b, SectionKind.TASKS)) {
            long overdue =
                    b.tasks().stream().filter(BriefingItem.DueTask::overdue).count();
            long due = b.tasks().size() - overdue;
            if (overdue > 0) {
                parts.add(count(overdue, "task") + " overdue");
            }
            if (due > 0) {
                parts.add(count(due, "task") + " due today");
            }
        }
        add(parts, b, SectionKind.MESSAGES, "important unread message", "");
        add(parts, b, SectionKind.APPROVALS, "approval", " waiting for you");
        add(parts, b, SectionKind.FAILED_RUNS, "failed run", " since yesterday");
        if (available(b, SectionKind.CONNECTIONS) && !b.connections().isEmpty()) {
            parts.add(count(b.connections().size(), "connection")
                    + (b.connections().size() == 1 ? " needs" : " need")
                    + " reconnecting");
        }
        for (SectionKind kind : SectionKind.values()) {
            if (b.status(kind).error() != null) {
                parts.add(kind.title().toLowerCase(java.util.Locale.ROOT) + " could not be loaded");
            }
        }
        boolean onlyNothing = parts.stream().allMatch(p -> p.equals("no meetings"));
        if (onlyNothing) {
            parts.add("nothing needs you");
        }
        String text = String.join("; ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static void add(List<String> parts, Briefing b, SectionKind kind, String noun, String tail) {
        int n = b.items(kind).size();
        if (available(b, kind) && n > 0) {
            parts.add(count(n, noun) + tail);
        }
    }

    /** Counted when it has a source that answered (a failed one with nothing from the others is only named). */
    private static boolean available(Briefing b, SectionKind kind) {
        Briefing.SectionStatus s = b.status(kind);
        return s.available() && (s.error() == null || !b.items(kind).isEmpty());
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
