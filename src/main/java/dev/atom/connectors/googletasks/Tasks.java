package dev.atom.connectors.googletasks;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.Schema;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Tasks of a list. Google keeps only the date of a task's due time ("the time portion is discarded"), so due
 * dates travel as dates, sent as midnight UTC as Google's own clients do. A list left out is the person's
 * default list ({@code @default}).
 */
final class Tasks {
    static final Blame LIST = Blame.of("taskListId", "the task list");
    static final Blame TASK = Blame.of("taskId", "the task");

    private Tasks() {}

    @Schema(description = "Which tasks to list")
    record ListInput(
            @Schema(description = "The task list's id (default: the person's default list)") @Nullable
            String taskListId,

            @Schema(description = "Also list completed tasks (default false)") @Nullable
            Boolean showCompleted,

            @Schema(description = "The next page's token, from a previous answer") @Nullable
            String pageToken) {}

    @Schema(description = "One task")
    record TaskRef(
            @Schema(description = "The task list's id (default: the person's default list)") @Nullable
            String taskListId,

            @Schema(description = "The task's id") String taskId) {}

    @Schema(description = "A new task")
    record CreateInput(
            @Schema(description = "The task list's id (default: the person's default list)") @Nullable
            String taskListId,

            @Schema(description = "The task's title", minLength = 1, maxLength = 1024)
            String title,

            @Schema(description = "Notes", maxLength = 8192) @Nullable
            String notes,

            @Schema(description = "Due date", format = "date") @Nullable
            String due,

            @Schema(description = "Make it a subtask of this task") @Nullable
            String parentTaskId) {}

    @Schema(description = "Changes to a task; fields left out stay as they are")
    record UpdateInput(
            @Schema(description = "The task list's id (default: the person's default list)") @Nullable
            String taskListId,

            @Schema(description = "The task's id") String taskId,

            @Schema(description = "New title", minLength = 1, maxLength = 1024) @Nullable
            String title,

            @Schema(description = "New notes", maxLength = 8192) @Nullable
            String notes,

            @Schema(description = "New due date", format = "date") @Nullable
            String due,

            @Schema(description = "True clears the due date") @Nullable
            Boolean clearDue,

            @Schema(description = "False reopens a completed task") @Nullable
            Boolean completed) {}

    @Schema(description = "A Google task")
    record Task(
            @Schema(description = "Its id") String id,

            @Schema(description = "Title") String title,

            @Schema(description = "Notes") @Nullable String notes,

            @Schema(description = "needsAction or completed")
            String status,

            @Schema(description = "Due date", format = "date") @Nullable
            String due,

            @Schema(description = "When it was completed", format = "date-time") @Nullable
            String completed,

            @Schema(description = "The parent task, for a subtask") @Nullable
            String parent,

            @Schema(description = "When it last changed", format = "date-time") @Nullable
            String updated,

            @Schema(description = "The task in Google's web apps", format = "uri") @Nullable
            String link) {

        static Task of(JsonNode t) {
            String due = GoogleRest.text(t, "due");
            return new Task(
                    t.path("id").asString(""),
                    t.path("title").asString(""),
                    GoogleRest.text(t, "notes"),
                    t.path("status").asString("needsAction"),
                    due == null || due.length() < 10 ? null : due.substring(0, 10),
                    GoogleRest.text(t, "completed"),
                    GoogleRest.text(t, "parent"),
                    GoogleRest.text(t, "updated"),
                    GoogleRest.text(t, "webViewLink"));
        }
    }

    @Schema(description = "Tasks of a list")
    record TasksPage(
            @Schema(description = "The tasks, in Google's order")
            List<Task> tasks,

            @Schema(description = "The next page's token, when there are more") @Nullable
            String nextPageToken) {}

    @Schema(description = "What deleting did")
    record Deleted(
            @Schema(description = "True once the task is gone")
            boolean deleted) {}

    static final Action<ListInput, TasksPage> LIST_TASKS = BaseAction.read(
            "google-tasks.list_tasks",
            "List tasks",
            "Lists the tasks of a Google Tasks list (open ones unless completed are asked for).",
            ListInput.class,
            TasksPage.class,
            Tasks::list);

    static final Action<TaskRef, Task> GET_TASK = BaseAction.read(
            "google-tasks.get_task", "Get a task", "Reads one Google task.", TaskRef.class, Task.class, Tasks::get);

    // Tasks takes no idempotency key: creating twice makes two tasks
    static final Action<CreateInput, Task> CREATE_TASK = BaseAction.write(
            "google-tasks.create_task",
            "Create a task",
            "Adds a task to a Google Tasks list.",
            CreateInput.class,
            Task.class,
            Idempotency.NONE,
            Tasks::create);

    static final Action<UpdateInput, Task> UPDATE_TASK = BaseAction.write(
            "google-tasks.update_task",
            "Update a task",
            "Changes a Google task's title, notes, due date or completion.",
            UpdateInput.class,
            Task.class,
            Idempotency.NATURAL,
            Tasks::update);

    static final Action<TaskRef, Task> COMPLETE_TASK = BaseAction.write(
            "google-tasks.complete_task",
            "Complete a task",
            "Marks a Google task completed.",
            TaskRef.class,
            Task.class,
            Idempotency.NATURAL,
            Tasks::complete);

    static final Action<TaskRef, Deleted> DELETE_TASK = BaseAction.write(
            "google-tasks.delete_task",
            "Delete a task",
            "Deletes a Google task.",
            TaskRef.class,
            Deleted.class,
            Idempotency.NATURAL,
            Tasks::delete);

    static String tasksPath(String list) {
        return "/tasks/v1/lists/" + GoogleRest.seg(list == null || list.isBlank() ? "@default" : list.strip())
                + "/tasks";
    }

    private static String taskPath(String list, String task) {
        return tasksPath(list) + "/" + GoogleRest.seg(GoogleRest.required(task, "taskId"));
    }

    private static TasksPage list(ActionContext ctx, ListInput in) {
        boolean completed = Boolean.TRUE.equals(in.showCompleted());
        JsonNode r = GoogleRest.get(
                ctx,
                tasksPath(in.taskListId())
                        + GoogleRest.query(
                                "maxResults",
                                100,
                                "showCompleted",
                                completed,
                                "showHidden",
                                completed,
                                "pageToken",
                                in.pageToken()),
                LIST);
        List<Task> out = new ArrayList<>();
        r.path("items").forEach(t -> out.add(Task.of(t)));
        return new TasksPage(out, GoogleRest.text(r, "nextPageToken"));
    }

    private static Task get(ActionContext ctx, TaskRef in) {
        return Task.of(GoogleRest.get(ctx, taskPath(in.taskListId(), in.taskId()), TASK));
    }

    private static Task create(ActionContext ctx, CreateInput in) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", GoogleRest.required(in.title(), "title"));
        if (in.notes() != null) {
            body.put("notes", in.notes());
        }
        if (in.due() != null) {
            body.put("due", due(in.due()));
        }
        String path = tasksPath(in.taskListId()) + GoogleRest.query("parent", in.parentTaskId());
        return Task.of(GoogleRest.call(ctx, "POST", path, body, LIST));
    }

    private static Task update(ActionContext ctx, UpdateInput in) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (in.title() != null) {
            body.put("title", in.title());
        }
        if (in.notes() != null) {
            body.put("notes", in.notes());
        }
        if (Boolean.TRUE.equals(in.clearDue())) {
            body.put("due", null);
        } else if (in.due() != null) {
            body.put("due", due(in.due()));
        }
        if (in.completed() != null) {
            body.put("status", in.completed() ? "completed" : "needsAction");
            if (!in.completed()) {
                body.put("completed", null); // Google keeps the completion time unless it is cleared
            }
        }
        if (body.isEmpty()) {
            throw new ConnectorException.InvalidInput("title", "give title, notes, due, clearDue or completed");
        }
        return Task.of(GoogleRest.call(ctx, "PATCH", taskPath(in.taskListId(), in.taskId()), body, TASK));
    }

    private static Task complete(ActionContext ctx, TaskRef in) {
        return Task.of(GoogleRest.call(
                ctx, "PATCH", taskPath(in.taskListId(), in.taskId()), Map.of("status", "completed"), TASK));
    }

    private static Deleted delete(ActionContext ctx, TaskRef in) {
        GoogleRest.call(ctx, "DELETE", taskPath(in.taskListId(), in.taskId()), null, TASK);
        return new Deleted(true);
    }

    /** A date as Google's due time: midnight UTC of that day. */
    private static String due(String date) {
        try {
            return LocalDate.parse(date.strip()) + "T00:00:00.000Z";
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidInput("due", "must be a date like 2026-12-31");
        }
    }
}
