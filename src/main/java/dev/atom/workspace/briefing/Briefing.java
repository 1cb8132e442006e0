package dev.atom.workspace.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A person's briefing for one day, as {@code GET /api/v1/briefing} answers it: one list per section (empty when
 * the section is not available or failed: {@code sections} says which), the free gaps between the day's
 * meetings, and a summary.
 */
record Briefing(
        LocalDate date,
        String timeZone,
        Instant generatedAt,
        List<BriefingItem.Meeting> meetings,
        List<Gap> gaps,
        List<BriefingItem.DueTask> tasks,
        List<BriefingItem.Message> messages,
        List<BriefingItem.Approval> approvals,
        List<BriefingItem.FailedRun> failedRuns,
        List<BriefingItem.Reconnect> connections,
        Map<String, SectionStatus> sections,
        Summary summary) {

    /** A free stretch of the working day between meetings. */
    record Gap(Instant start, Instant end, long minutes) {}

    /**
     * Whether a section has a source ({@code available}: false until, say, a calendar is wired in), how many
     * items it has, and the error when its source failed this time (its list is then empty).
     */
    record SectionStatus(String title, boolean available, int count, String error) {}

    /**
     * A readable summary: {@code source} is {@code offline} (counted from the items, always there) or {@code
     * ai}; {@code citations} map the summary's [n] markers to items. {@code aiError} says why an asked-for AI
     * summary was not made.
     */
    record Summary(String text, String source, String model, List<Citation> citations, String aiError) {}

    /** [n] in the summary is the item {@code id} of section {@code section}. */
    record Citation(int ref, String section, String id, String label, String link) {}

    Briefing withSummary(Summary s) {
        return new Briefing(
                date,
                timeZone,
                generatedAt,
                meetings,
                gaps,
                tasks,
                messages,
                approvals,
                failedRuns,
                connections,
                sections,
                s);
    }

    /** The items of a section, in the order shown. */
    List<? extends BriefingItem> items(SectionKind kind) {
        return switch (kind) {
            case MEETINGS -> meetings;
            case TASKS -> tasks;
            case MESSAGES -> messages;
            case APPROVALS -> approvals;
            case FAILED_RUNS -> failedRuns;
            case CONNECTIONS -> connections;
        };
    }

    SectionStatus status(SectionKind kind) {
        return sections.get(kind.wire());
    }
}
