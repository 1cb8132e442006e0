package dev.atom.connectors.microsofttodo;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.GraphDelta;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code microsoft-todo.task_changed}: a task of the chosen list was added, changed or completed, by the list's
 * tasks delta query (Graph does not sign To Do notifications for a poller here). The first poll only walks to
 * the deltaLink; later polls report each changed task once per version (id + lastModifiedDateTime). When Graph
 * has forgotten the delta state a new baseline starts.
 */
final class TodoTaskChangedTrigger implements PollingTrigger {
    static final int MAX_PAGES = 20;

    @Schema(description = "Which list to watch")
    record Settings(
            @Schema(description = "The list's id (from microsoft-todo.list_task_lists)")
            String listId) {}

    @Schema(description = "A task that was added, changed or completed")
    record Changed(
            @Schema(description = "The task") TodoTasks.Task task,

            @Schema(description = "True when Graph reports it deleted")
            boolean removed) {}

    @Override
    public String id() {
        return "microsoft-todo.task_changed";
    }

    @Override
    public String name() {
        return "To Do task changed";
    }

    @Override
    public String description() {
        return "Starts when a task of a Microsoft To Do list is added, changed, completed or deleted.";
    }

    @Override
    public Class<Changed> eventType() {
        return Changed.class;
    }

    @Override
    public Class<? extends Record> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        throw new ConnectorException.InvalidInput("listId", "choose the list to watch");
    }

    @Override
    public Poll poll(ActionContext context, JsonNode settings, String cursor) {
        String listId = settings == null ? null : MicrosoftGraph.text(settings, "listId");
        String start = "/me/todo/lists/" + MicrosoftGraph.id(listId, "listId") + "/tasks/delta";
        boolean baseline = cursor == null || !GraphDelta.readable(context, cursor);
        GraphDelta walk = GraphDelta.walk(context, baseline ? null : cursor, start, MAX_PAGES);
        if (walk.lost()) {
            baseline = true;
            walk = GraphDelta.walk(context, null, start, MAX_PAGES);
        }
        List<TriggerEvent> events = new ArrayList<>();
        if (!baseline) {
            for (JsonNode t : walk.items()) {
                boolean removed = t.has("@removed");
                var changed = new Changed(TodoTasks.Task.of(t, listId), removed);
                String version =
                        removed ? "removed" : t.path("lastModifiedDateTime").asString("");
                events.add(new TriggerEvent(
                        t.path("id").asString() + "@" + version,
                        MicrosoftGraph.instant(t, "lastModifiedDateTime"),
                        MicrosoftGraph.JSON.valueToTree(changed)));
            }
        }
        return new Poll(events, walk.cursor());
    }
}
