package dev.atom.workspace.tasks;

import dev.atom.workspace.worktasks.WorkItem;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the tasks page shows of a work item from another app; {@code error} is the last write's problem, if any. */
record WorkItemView(
        String id,
        String title,
        String connector,
        String serviceName,
        String initial,
        String connectionName,
        String link,
        String status,
        boolean done,
        boolean overdue,
        String dueLabel,
        String dueValue,
        String container,
        boolean canRedate,
        String error) {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

    static WorkItemView of(WorkItem w, String serviceName, LocalDate today, String error) {
        var item = w.item();
        LocalDate due = item.dueDate();
        return new WorkItemView(
                w.id(),
                item.title(),
                w.connector(),
                serviceName,
                serviceName.isEmpty() ? "?" : serviceName.substring(0, 1).toUpperCase(Locale.ROOT),
                w.connectionName(),
                item.link(),
                item.status(),
                item.done(),
                due != null && !item.done() && due.isBefore(today),
                due == null ? null : LABEL.format(due),
                due == null ? "" : due.toString(),
                item.container(),
                !w.connector().equals("github"),
                error);
    }
}
