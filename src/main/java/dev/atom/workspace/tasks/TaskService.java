package dev.atom.workspace.tasks;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.tasks.TaskChanges.Change;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The rules of tasks, shared by the JSON API and the page: what a valid task is, how a change applies, when
 * a task counts as completed. Every call is scoped to the caller's workspace. Thread-safe (stateless).
 */
@Service
class TaskService {
    private final TaskRepository tasks;
    private final Members members;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TaskService(TaskRepository tasks, Members members, Clock clock, ApplicationEventPublisher events) {
        this.tasks = tasks;
        this.members = members;
        this.clock = clock;
        this.events = events;
    }

    Task create(CurrentUser user, TaskChanges changes, FieldErrors errors) {
        Instant now = now();
        Task blank = new Task(
                Ids.newId(),
                user.workspaceId(),
                "",
                null,
                TaskStatus.TODO,
                TaskPriority.NONE,
                null,
                null,
                List.of(),
                null,
                null,
                user.userId(),
                now,
                now,
                null);
        Task task = apply(blank, changes, errors, now);
        errors.throwIfAny();
        if (task.title().isEmpty()) {
            throw ApiException.invalid("title", "is required"); // TaskInput.parse(.., creating=true, ..) ensures it
        }
        tasks.insert(task);
        searchChanged(task);
        return task;
    }

    Task get(CurrentUser user, String id) {
        return (Ids.isValid(id) ? tasks.find(user.workspaceId(), id) : Optional.<Task>empty())
                .orElseThrow(() -> ApiException.notFound("Task"));
    }

    Task update(CurrentUser user, String id, TaskChanges changes, FieldErrors errors) {
        Task current = get(user, id);
        Task task = apply(current, changes, errors, now());
        errors.throwIfAny();
        if (!tasks.update(task)) {
            throw ApiException.notFound("Task"); // deleted meanwhile
        }
        searchChanged(task);
        return task;
    }

    void delete(CurrentUser user, String id) {
        if (!Ids.isValid(id) || !tasks.delete(user.workspaceId(), id)) {
            throw ApiException.notFound("Task");
        }
        events.publishEvent(new SearchDocumentsChanged(List.of(), List.of(SearchDocumentsChanged.key("task", id))));
    }

    /** Tells search (after the repository's commit) that {@code task} is new or changed. */
    private void searchChanged(Task task) {
        events.publishEvent(new SearchDocumentsChanged(List.of(TaskSearchSource.document(task)), List.of()));
    }

    TaskRepository.Page list(CurrentUser user, TaskQuery query) {
        return tasks.list(user.workspaceId(), query);
    }

    /** The task after the changes; problems go to {@code errors} (the result is then meaningless). */
    private Task apply(Task base, TaskChanges c, FieldErrors errors, Instant now) {
        TaskStatus status = value(c.status(), base.status());
        Instant completedAt = base.completedAt();
        if (status == TaskStatus.DONE && base.status() != TaskStatus.DONE) {
            completedAt = now;
        } else if (status != TaskStatus.DONE) {
            completedAt = null;
        }
        String assignee = value(c.assigneeId(), base.assigneeId());
        if (c.assigneeId() != null
                && assignee != null
                && !assignee.equals(base.assigneeId())
                && (!Ids.isValid(assignee)
                        || members.find(base.workspaceId(), assignee).isEmpty())) {
            errors.add("assigneeId", "must be a member of this workspace");
        }
        Due due = due(base, c, errors);
        return new Task(
                base.id(),
                base.workspaceId(),
                value(c.title(), base.title()),
                value(c.notes(), base.notes()),
                status,
                value(c.priority(), base.priority()),
                due.at(),
                due.zone(),
                value(c.tags(), base.tags()),
                assignee,
                value(c.project(), base.project()),
                base.createdBy(),
                base.createdAt(),
                now,
                completedAt);
    }

    private record Due(Instant at, String zone) {}

    /**
     * A due date-time with an offset is that instant; a local one is placed in the request's or the task's
     * time zone. Without a zone anywhere, the offset itself becomes the zone.
     */
    private static Due due(Task base, TaskChanges c, FieldErrors errors) {
        ZoneId zone = c.timeZone() != null
                ? c.timeZone().value()
                : base.timeZone() == null ? null : ZoneId.of(base.timeZone());
        if (c.dueAt() == null) {
            return new Due(base.dueAt(), base.dueAt() == null ? null : name(zone == null ? ZoneOffset.UTC : zone));
        }
        Temporal due = c.dueAt().value();
        return switch (due) {
            case null -> new Due(null, null);
            case OffsetDateTime at ->
                new Due(at.toInstant().truncatedTo(ChronoUnit.MICROS), name(zone == null ? at.getOffset() : zone));
            case LocalDateTime local -> {
                if (zone == null) {
                    errors.add("dueAt", "needs an offset (such as +01:00) or a timeZone");
                    yield new Due(null, null);
                }
                yield new Due(local.atZone(zone).toInstant().truncatedTo(ChronoUnit.MICROS), name(zone));
            }
            default -> throw new IllegalStateException("unexpected due date " + due);
        };
    }

    private static String name(ZoneId zone) {
        if (zone == null) {
            return null;
        }
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static <T> T value(Change<T> change, T current) {
        return change == null ? current : change.value();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
