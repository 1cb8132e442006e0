package dev.atom.workspace.tasks;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What the tasks page shows of one task, formatted for people and for the edit form's inputs. */
record TaskView(
        String id,
        String title,
        String notes,
        String status,
        String priority,
        String dueLabel,
        String dueLocal,
        String timeZone,
        List<String> tags,
        String tagsText,
        String project,
        boolean done) {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);
    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    static TaskView of(Task t) {
        OffsetDateTime due = t.dueInZone();
        return new TaskView(
                t.id(),
                t.title(),
                t.notes(),
                t.status().wire(),
                t.priority().wire(),
                due == null ? null : LABEL.format(due) + " " + t.timeZone(),
                due == null ? null : LOCAL_INPUT.format(due),
                t.timeZone(),
                t.tags(),
                String.join(", ", t.tags()),
                t.project(),
                t.status() == TaskStatus.DONE);
    }
}
