package dev.atom.workspace.tasks;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A person's open tasks due before a moment (what the daily briefing lists as due today and overdue): the
 * tasks assigned to them, and the unassigned ones they created. Thread-safe (stateless).
 */
@Component
public class DueTasks {
    private final TaskRepository tasks;

    DueTasks(TaskRepository tasks) {
        this.tasks = tasks;
    }

    /** An open task with its due instant and the zone it was given in; {@code link} opens the tasks page. */
    public record DueTask(String id, String title, Instant dueAt, String timeZone, String priority, String link) {}

    /** Up to {@code limit} of {@code userId}'s open tasks due before {@code before}, earliest first. */
    public List<DueTask> openDueBefore(String workspaceId, String userId, Instant before, int limit) {
        return tasks.openDueBefore(workspaceId, userId, before, limit).stream()
                .map(t -> new DueTask(
                        t.id(), t.title(), t.dueAt(), t.timeZone(), t.priority().wire(), "/tasks#task-" + t.id()))
                .toList();
    }
}
