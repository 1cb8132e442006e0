package dev.atom.workspace.briefing;

import dev.atom.workspace.tasks.DueTasks;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Atom's own tasks of the viewer due by the end of the day: overdue when their due time is before now (or, for
 * another day, before that day began).
 */
@Component
class TasksSection implements BriefingSection {
    private final DueTasks tasks;

    TasksSection(DueTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public SectionKind kind() {
        return SectionKind.TASKS;
    }

    @Override
    public List<BriefingItem.DueTask> items(BriefingRequest request) {
        Instant overdueBefore = request.isToday() ? request.now() : request.dayStart();
        return tasks
                .openDueBefore(request.workspaceId(), request.viewerId(), request.dayEnd(), request.limit())
                .stream()
                .map(t -> new BriefingItem.DueTask(
                        t.id(),
                        t.title(),
                        t.dueAt(),
                        false,
                        t.dueAt().isBefore(overdueBefore),
                        t.priority(),
                        "atom",
                        t.link()))
                .toList();
    }
}
