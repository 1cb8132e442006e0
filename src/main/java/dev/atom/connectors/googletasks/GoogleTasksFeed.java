package dev.atom.connectors.googletasks;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code google-tasks.tasks}: the person's tasks from every list, for Atom's unified task list. A full pass lists
 * the open tasks list by list; an incremental poll asks each list for what changed since ({@code updatedMin},
 * completed, hidden and deleted ones included: deleted ones are removed here, completed ones kept as done). The
 * page token is {@code <list index>:<Google's page token>}; the lists are read (one request, up to 100) at each
 * page. {@code refs.taskList} is the list's id, which completing and re-dating need. Stateless.
 */
final class GoogleTasksFeed extends UpdatedSinceFeed {
    @Override
    public String id() {
        return "google-tasks.tasks";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return tasks(ctx, null, page, pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        return tasks(ctx, since, page, pageSize);
    }

    private static Batch tasks(ActionContext ctx, Instant since, String page, int pageSize) {
        JsonNode lists = GoogleRest.get(ctx, TaskLists.LISTS + GoogleRest.query("maxResults", 100), null)
                .path("items");
        int index = 0;
        String token = null;
        if (page != null) {
            String[] p = page.split(":", 2);
            index = Integer.parseInt(p[0]);
            token = p.length > 1 && !p[1].isEmpty() ? p[1] : null;
        }
        if (index >= lists.size()) {
            return new Batch(List.of(), null);
        }
        JsonNode list = lists.get(index);
        String listId = list.path("id").asString("");
        boolean changes = since != null;
        JsonNode r = GoogleRest.get(
                ctx,
                Tasks.tasksPath(listId)
                        + GoogleRest.query(
                                "maxResults",
                                Math.clamp(pageSize, 1, 100),
                                "showCompleted",
                                changes,
                                "showHidden",
                                changes,
                                "showDeleted",
                                changes,
                                "updatedMin",
                                changes ? since.toString() : null,
                                "pageToken",
                                token),
                null);
        List<SyncChange> out = new ArrayList<>();
        for (JsonNode t : r.path("items")) {
            if (t.path("deleted").asBoolean(false)) {
                out.add(new SyncChange.Removed(t.path("id").asString()));
            } else {
                out.add(new SyncChange.Upsert(item(t, listId, list.path("title").asString(""))));
            }
        }
        String next = GoogleRest.text(r, "nextPageToken");
        String nextPage = next != null ? index + ":" + next : index + 1 < lists.size() ? (index + 1) + ":" : null;
        return new Batch(out, nextPage);
    }

    static SyncedWorkItem item(JsonNode t, String listId, String listTitle) {
        Tasks.Task task = Tasks.Task.of(t);
        boolean done = "completed".equals(task.status());
        return new SyncedWorkItem(
                task.id(),
                "task",
                task.title(),
                listTitle,
                task.status(),
                done,
                task.due() == null ? null : LocalDate.parse(task.due()),
                true,
                task.notes(),
                task.link(),
                task.updated() == null ? null : Instant.parse(task.updated()),
                Map.of("taskList", listId));
    }
}
