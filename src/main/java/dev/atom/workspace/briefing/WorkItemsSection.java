package dev.atom.workspace.briefing;

import dev.atom.workspace.worktasks.WorkItemService;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tasks from connected apps (GitHub, Jira, Asana, Trello, Notion...) assigned to the viewer on their own
 * connections, open and due on the day or before. They carry a date without a time, so one is overdue once its
 * day has passed; each links to the item at its service.
 */
@Component
class WorkItemsSection implements BriefingSection {
    private final WorkItemService items;

    WorkItemsSection(WorkItemService items) {
        this.items = items;
    }

    @Override
    public SectionKind kind() {
        return SectionKind.TASKS;
    }

    @Override
    public List<BriefingItem.DueTask> items(BriefingRequest request) {
        LocalDate day = request.date();
        return items.dueOrOverdue(request.workspaceId(), request.viewerId(), day).stream()
                .limit(request.limit())
                .map(w -> new BriefingItem.DueTask(
                        w.id(),
                        w.item().title(),
                        w.item().dueDate().atStartOfDay(request.zone()).toInstant(),
                        true,
                        w.item().dueDate().isBefore(day),
                        "none",
                        w.connector(),
                        w.item().link() == null ? "/tasks" : w.item().link()))
                .toList();
    }
}
