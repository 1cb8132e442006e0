package dev.atom.connectors.microsofttodo;

import static dev.atom.connectors.MicrosoftGraph.query;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code microsoft-todo.tasks}: the person's To Do tasks from every list, for the unified task list. A full pass
 * lists each list's open tasks; an incremental poll asks each list for the tasks changed since the last poll
 * ({@code lastModifiedDateTime ge ...}), completed ones included, so completing in To Do shows here. Deleted
 * tasks go at the next full pass. Each item keeps its list's id in {@code refs.listId}, which completing from
 * Atom needs. Pages of one list are followed up to {@link #MAX_PAGES}.
 */
final class TodoTasksFeed extends UpdatedSinceFeed {
    static final int MAX_PAGES = 20;

    @Override
    public String id() {
        return "microsoft-todo.tasks";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return collect(ctx, "status ne 'completed'", pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        return collect(ctx, "lastModifiedDateTime ge " + since.truncatedTo(ChronoUnit.SECONDS), pageSize);
    }

    private static Batch collect(ActionContext ctx, String filter, int pageSize) {
        List<SyncChange> changes = new ArrayList<>();
        for (TodoTasks.TaskList list : TodoTasks.lists(ctx).lists()) {
            String url = "/me/todo/lists/" + MicrosoftGraph.enc(list.id()) + "/tasks"
                    + query("$top", pageSize, "$filter", filter);
            for (int p = 0; url != null && p < MAX_PAGES; p++) {
                JsonNode body = MicrosoftGraph.get(ctx, url, null, null);
                body.path("value").forEach(t -> changes.add(new SyncChange.Upsert(item(t, list))));
                url = MicrosoftGraph.text(body, "@odata.nextLink");
            }
        }
        return new Batch(changes, null);
    }

    static SyncedWorkItem item(JsonNode t, TodoTasks.TaskList list) {
        var task = TodoTasks.Task.of(t, list.id());
        return new SyncedWorkItem(
                task.id(),
                "task",
                task.title(),
                list.name(),
                task.status(),
                task.done(),
                TodoTasks.dueDate(t),
                true,
                task.notes(),
                null,
                MicrosoftGraph.instant(t, "lastModifiedDateTime"),
                Map.of("listId", list.id()));
    }
}
