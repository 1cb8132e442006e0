package dev.atom.connectors.microsofttodo;

import static dev.atom.connectors.MicrosoftGraph.id;
import static dev.atom.connectors.MicrosoftGraph.query;
import static dev.atom.connectors.MicrosoftGraph.text;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.Schema;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Task lists and their tasks: list, get, create, update, complete, delete. */
final class TodoTasks {
    static final String LIST = "the To Do list";
    static final String TASK = "the To Do task";

    private TodoTasks() {}

    enum Importance {
        low,
        normal,
        high
    }

    @Schema(description = "No input")
    record NoInput() {}

    @Schema(description = "A To Do task list")
    record TaskList(
            @Schema(description = "List id") String id,

            @Schema(description = "Its name") String name,

            @Schema(description = "defaultList for Tasks, flaggedEmails, or none for a list the person made") @Nullable
            String wellknownListName,

            @Schema(description = "True when shared with others")
            boolean shared) {}

    @Schema(description = "The person's task lists")
    record TaskLists(@Schema(description = "The lists") List<TaskList> lists) {}

    @Schema(description = "Which tasks to list")
    record ListInput(
            @Schema(description = "The list's id (from microsoft-todo.list_task_lists)")
            String listId,

            @Schema(description = "Also list completed tasks (default false)") @Nullable
            Boolean includeCompleted,

            @Schema(description = "At most this many (default 50)", minimum = 1, maximum = 200) @Nullable
            Integer limit) {}

    @Schema(description = "One task")
    record TaskRef(
            @Schema(description = "The list's id") String listId,

            @Schema(description = "The task's id") String taskId) {}

    @Schema(description = "A new task")
    record CreateInput(
            @Schema(description = "The list to add it to") String listId,

            @Schema(description = "The title", minLength = 1, maxLength = 255)
            String title,

            @Schema(description = "Notes, plain text", maxLength = 32000) @Nullable
            String notes,

            @Schema(description = "Due date", format = "date") @Nullable
            String due,

            @Schema(description = "low, normal or high (default normal)") @Nullable
            Importance importance) {}

    @Schema(description = "Changes to a task; fields left out stay as they are")
    record UpdateInput(
            @Schema(description = "The list's id") String listId,

            @Schema(description = "The task's id") String taskId,

            @Schema(description = "New title", minLength = 1, maxLength = 255) @Nullable
            String title,

            @Schema(description = "New notes, plain text", maxLength = 32000) @Nullable
            String notes,

            @Schema(description = "New due date", format = "date") @Nullable
            String due,

            @Schema(description = "True clears the due date") @Nullable
            Boolean clearDue,

            @Schema(description = "low, normal or high") @Nullable
            Importance importance,

            @Schema(description = "True marks it completed, false reopens it") @Nullable
            Boolean completed) {}

    @Schema(description = "A To Do task")
    record Task(
            @Schema(description = "Task id") String id,

            @Schema(description = "The list it is on") String listId,

            @Schema(description = "Title") String title,

            @Schema(description = "notStarted, inProgress, completed, waitingOnOthers or deferred")
            String status,

            @Schema(description = "True when completed") boolean done,

            @Schema(description = "low, normal or high") @Nullable
            String importance,

            @Schema(description = "Due date", format = "date") @Nullable
            String due,

            @Schema(description = "Notes as plain text") @Nullable
            String notes,

            @Schema(description = "Last changed", format = "date-time") @Nullable
            String updatedAt) {

        static Task of(JsonNode t, String listId) {
            LocalDate due = dueDate(t);
            String status = t.path("status").asString("notStarted");
            return new Task(
                    t.path("id").asString(),
                    listId,
                    t.path("title").asString(""),
                    status,
                    status.equals("completed"),
                    text(t, "importance"),
                    due == null ? null : due.toString(),
                    TodoTasks.notes(t),
                    text(t, "lastModifiedDateTime"));
        }
    }

    @Schema(description = "Tasks of a list")
    record Tasks(@Schema(description = "The tasks") List<Task> tasks) {}

    @Schema(description = "What was deleted")
    record Deleted(
            @Schema(description = "The deleted task's id") String taskId) {}

    static final Action<NoInput, TaskLists> LIST_LISTS = BaseAction.read(
            "microsoft-todo.list_task_lists",
            "List task lists",
            "Lists the person's Microsoft To Do task lists.",
            NoInput.class,
            TaskLists.class,
            (ctx, in) -> lists(ctx));

    static final Action<ListInput, Tasks> LIST_TASKS = BaseAction.read(
            "microsoft-todo.list_tasks",
            "List tasks",
            "Lists the tasks of a Microsoft To Do list, open ones only unless asked.",
            ListInput.class,
            Tasks.class,
            TodoTasks::tasks);

    static final Action<TaskRef, Task> GET_TASK = BaseAction.read(
            "microsoft-todo.get_task",
            "Get a task",
            "Reads one Microsoft To Do task.",
            TaskRef.class,
            Task.class,
            (ctx, in) -> Task.of(MicrosoftGraph.get(ctx, path(in.listId(), in.taskId()), "taskId", TASK), in.listId()));

    // Graph takes no idempotency key for To Do: creating twice makes two tasks
    static final Action<CreateInput, Task> CREATE_TASK = BaseAction.write(
            "microsoft-todo.create_task",
            "Create a task",
            "Adds a task to a Microsoft To Do list.",
            CreateInput.class,
            Task.class,
            Idempotency.NONE,
            TodoTasks::create);

    static final Action<UpdateInput, Task> UPDATE_TASK = BaseAction.write(
            "microsoft-todo.update_task",
            "Update a task",
            "Changes a Microsoft To Do task's title, notes, due date, importance or completion.",
            UpdateInput.class,
            Task.class,
            Idempotency.NATURAL,
            TodoTasks::update);

    static final Action<TaskRef, Task> COMPLETE_TASK = BaseAction.write(
            "microsoft-todo.complete_task",
            "Complete a task",
            "Marks a Microsoft To Do task completed.",
            TaskRef.class,
            Task.class,
            Idempotency.NATURAL,
            (ctx, in) -> patch(ctx, in.listId(), in.taskId(), Map.of("status", "completed")));

    static final Action<TaskRef, Deleted> DELETE_TASK = BaseAction.write(
            "microsoft-todo.delete_task",
            "Delete a task",
            "Deletes a Microsoft To Do task.",
            TaskRef.class,
            Deleted.class,
            Idempotency.NATURAL,
            TodoTasks::delete);

    static TaskLists lists(ActionContext ctx) {
        List<TaskList> out = new ArrayList<>();
        JsonNode page = MicrosoftGraph.get(ctx, "/me/todo/lists" + query("$top", 100), null, null);
        for (JsonNode l : page.path("value")) {
            out.add(new TaskList(
                    l.path("id").asString(),
                    l.path("displayName").asString(""),
                    text(l, "wellknownListName"),
                    l.path("isShared").asBoolean(false)));
        }
        return new TaskLists(out);
    }

    private static Tasks tasks(ActionContext ctx, ListInput in) {
        int limit = in.limit() == null ? 50 : in.limit();
        String filter = Boolean.TRUE.equals(in.includeCompleted()) ? null : "status ne 'completed'";
        JsonNode page = MicrosoftGraph.get(
                ctx,
                "/me/todo/lists/" + id(in.listId(), "listId") + "/tasks" + query("$top", limit, "$filter", filter),
                "listId",
                LIST);
        List<Task> out = new ArrayList<>();
        page.path("value").forEach(t -> out.add(Task.of(t, in.listId())));
        return new Tasks(out);
    }

    private static Task create(ActionContext ctx, CreateInput in) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", in.title());
        if (in.notes() != null) {
            body.put("body", Map.of("content", in.notes(), "contentType", "text"));
        }
        if (in.due() != null) {
            body.put("dueDateTime", due(in.due()));
        }
        if (in.importance() != null) {
            body.put("importance", in.importance().name());
        }
        JsonNode t = MicrosoftGraph.call(
                ctx, "POST", "/me/todo/lists/" + id(in.listId(), "listId") + "/tasks", body, "listId", LIST);
        return Task.of(t, in.listId());
    }

    private static Task update(ActionContext ctx, UpdateInput in) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (in.title() != null) {
            body.put("title", in.title());
        }
        if (in.notes() != null) {
            body.put("body", Map.of("content", in.notes(), "contentType", "text"));
        }
        if (Boolean.TRUE.equals(in.clearDue())) {
            body.put("dueDateTime", null);
        } else if (in.due() != null) {
            body.put("dueDateTime", due(in.due()));
        }
        if (in.importance() != null) {
            body.put("importance", in.importance().name());
        }
        if (in.completed() != null) {
            body.put("status", in.completed() ? "completed" : "notStarted");
        }
        if (body.isEmpty()) {
            throw new ConnectorException.InvalidInput("title", "give at least one change");
        }
        return patch(ctx, in.listId(), in.taskId(), body);
    }

    private static Task patch(ActionContext ctx, String listId, String taskId, Map<String, Object> body) {
        return Task.of(MicrosoftGraph.call(ctx, "PATCH", path(listId, taskId), body, "taskId", TASK), listId);
    }

    private static Deleted delete(ActionContext ctx, TaskRef in) {
        MicrosoftGraph.call(ctx, "DELETE", path(in.listId(), in.taskId()), null, "taskId", TASK);
        return new Deleted(in.taskId());
    }

    static String path(String listId, String taskId) {
        return "/me/todo/lists/" + id(listId, "listId") + "/tasks/" + id(taskId, "taskId");
    }

    /** To Do keeps a due date as midnight of that day in a time zone; UTC reads back as the same day. */
    private static Map<String, String> due(String date) {
        try {
            return Map.of("dateTime", LocalDate.parse(date.strip()) + "T00:00:00", "timeZone", "UTC");
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidInput("due", "must be a date like 2026-12-31");
        }
    }

    static LocalDate dueDate(JsonNode t) {
        String dt = text(t.path("dueDateTime"), "dateTime");
        try {
            return dt == null || dt.length() < 10 ? null : LocalDate.parse(dt.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String notes(JsonNode t) {
        JsonNode body = t.path("body");
        String content = text(body, "content");
        if (content == null || content.isBlank()) {
            return null;
        }
        return "html".equalsIgnoreCase(body.path("contentType").asString(""))
                ? dev.atom.connectors.MessageText.htmlToText(content)
                : content.strip();
    }
}
