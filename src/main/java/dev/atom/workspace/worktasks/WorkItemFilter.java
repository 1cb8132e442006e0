package dev.atom.workspace.worktasks;

import java.time.LocalDate;

/**
 * Which of a person's work items to list; null fields do not filter.
 *
 * @param done true: finished ones only; false: open ones only
 * @param text a case-insensitive part of the title
 * @param dueBefore due strictly before this day
 * @param connector one source ({@code github}, {@code jira}...)
 * @param container the project, repository, board or database, exactly
 */
public record WorkItemFilter(Boolean done, String text, LocalDate dueBefore, String connector, String container) {

    public static WorkItemFilter none() {
        return new WorkItemFilter(null, null, null, null, null);
    }
}
