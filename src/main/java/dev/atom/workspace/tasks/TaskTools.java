package dev.atom.workspace.tasks;

import static dev.atom.workspace.tools.Inputs.JSON;

import dev.atom.shared.web.FieldErrors;
import dev.atom.tools.PageItem;
import dev.atom.tools.Tool;
import dev.atom.tools.Tool.Effect;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import dev.atom.workspace.tools.Inputs;
import dev.atom.workspace.tools.Schemas;
import dev.atom.workspace.tools.ToolCalls;
import dev.atom.workspace.tools.WorkspaceTool;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant's task tools, calling {@link TaskService} as the routes do. Tasks are the workspace's own Atom data,
 * so every write runs at once ({@link Effect#OWN_WRITE}) and answers how to undo it.
 */
@Configuration(proxyBeanMethods = false)
class TaskTools {
    private static final String DUE = "When it is due: ISO-8601 date-time, e.g. 2026-03-02T15:00 (read in the"
            + " user's time zone) or with an offset";

    private static Schemas fields(Schemas s) {
        return s.clearable("notes", "Longer notes")
                .clearable("dueAt", DUE)
                .choice("priority", "How urgent", false, "none", "low", "medium", "high", "urgent")
                .strings("tags", "Labels such as home or work", TaskInput.MAX_TAGS)
                .clearable("project", "The project it belongs to");
    }

    @Bean
    Tool tasksCreateTool(ToolCalls calls, TaskService tasks) {
        return WorkspaceTool.builder(calls, "tasks_create", Effect.OWN_WRITE)
                .description("Creates a task in Atom for the user (title, optional due date-time, priority, tags)."
                        + " Returns the task with its id.")
                .schema(fields(Schemas.object().string("title", "What to do, short", true))
                        .build())
                .call((user, context, input) -> {
                    Task task = tasks.create(user, changes(input, context, true), new FieldErrors());
                    return new ToolResult.Done(
                            json(task),
                            "Created task “" + task.title() + "”" + due(task),
                            undo("tasks_delete", id(task.id()), "Delete task “" + task.title() + "”"));
                });
    }

    @Bean
    Tool tasksListTool(ToolCalls calls, TaskService tasks) {
        return WorkspaceTool.builder(calls, "tasks_list", Effect.READ)
                .description("Lists the workspace's Atom tasks, filtered by status, words, tag, project or due"
                        + " date; soonest due first. Returns ids, titles, status, priority and due date-times.")
                .schema(Schemas.object()
                        .strings("status", "Only these statuses: todo, doing, done (default: todo and doing)", 3)
                        .string("q", "Words in the title or notes", false)
                        .string("tag", "Only tasks with this tag", false)
                        .string("project", "Only tasks of this project", false)
                        .string(
                                "dueBefore",
                                "Only tasks due before this date or date-time (ISO-8601, user's zone); a date"
                                        + " alone means before the end of that day",
                                false)
                        .integer("limit", "How many at most (default 20)", 1, 100, false)
                        .build())
                .call((user, context, input) -> {
                    List<String> status = Inputs.texts(input, "status");
                    String dueBefore = Inputs.text(input, "dueBefore");
                    TaskQuery query = TaskQueries.parse(
                            status == null || status.isEmpty() ? List.of("todo,doing") : status,
                            Inputs.text(input, "tag"),
                            dueBefore == null
                                    ? null
                                    : Inputs.dateTime(dueBefore, ToolCalls.zone(context), true, "dueBefore")
                                            .toString(),
                            Inputs.text(input, "q"),
                            null,
                            Inputs.text(input, "project"),
                            "due",
                            String.valueOf(Inputs.number(input, "limit", 20)),
                            null,
                            new FieldErrors());
                    var page = tasks.list(user, query);
                    ObjectNode out = JSON.createObjectNode();
                    ArrayNode items = out.putArray("tasks");
                    page.items().forEach(t -> items.add(json(t)));
                    out.put("more", page.nextCursor() != null);
                    return new ToolResult.Done(out, "Listed " + page.items().size() + " tasks", null);
                });
    }

    @Bean
    Tool tasksUpdateTool(ToolCalls calls, TaskService tasks) {
        return WorkspaceTool.builder(calls, "tasks_update", Effect.OWN_WRITE)
                .description("Changes a task's title, notes, status, due date-time, priority, tags or project;"
                        + " fields left out stay as they are. Returns the task.")
                .schema(fields(Schemas.object()
                                .string("id", "The task's id (from tasks_list)", true)
                                .string("title", "The new title", false)
                                .choice("status", "Where it stands", false, "todo", "doing", "done"))
                        .build())
                .call((user, context, input) -> {
                    String id = Inputs.required(input, "id");
                    Task before = tasks.get(user, id);
                    ObjectNode changes = Inputs.copy(input);
                    changes.remove("id");
                    Task after = tasks.update(user, id, changes(changes, context, false), new FieldErrors());
                    return new ToolResult.Done(
                            json(after),
                            "Updated task “" + after.title() + "”",
                            undo("tasks_update", restore(before, changes), "Restore task “" + before.title() + "”"));
                });
    }

    @Bean
    Tool tasksCompleteTool(ToolCalls calls, TaskService tasks) {
        return WorkspaceTool.builder(calls, "tasks_complete", Effect.OWN_WRITE)
                .description("Marks a task done. Returns the task.")
                .schema(Schemas.object()
                        .string("id", "The task's id (from tasks_list)", true)
                        .build())
                .call((user, context, input) -> {
                    String id = Inputs.required(input, "id");
                    Task before = tasks.get(user, id);
                    Task done = tasks.update(
                            user,
                            id,
                            changes(JSON.createObjectNode().put("status", "done"), context, false),
                            new FieldErrors());
                    ObjectNode reopen = id(id).put("status", before.status().wire());
                    return new ToolResult.Done(
                            json(done),
                            "Completed task “" + done.title() + "”",
                            undo("tasks_update", reopen, "Reopen task “" + done.title() + "”"));
                });
    }

    @Bean
    Tool tasksDeleteTool(ToolCalls calls, TaskService tasks) {
        return WorkspaceTool.builder(calls, "tasks_delete", Effect.OWN_WRITE)
                .description("Deletes a task for good. Prefer tasks_complete for tasks that were done.")
                .destructive()
                .schema(Schemas.object()
                        .string("id", "The task's id (from tasks_list)", true)
                        .build())
                .call((user, context, input) -> {
                    Task task = tasks.get(user, Inputs.required(input, "id"));
                    tasks.delete(user, task.id());
                    return new ToolResult.Done(
                            id(task.id()).put("deleted", true),
                            "Deleted task “" + task.title() + "”",
                            undo("tasks_create", recreate(task), "Create task “" + task.title() + "” again"));
                });
    }

    /** Tool input as the task API's body; a due date-time without offset is read in the caller's zone. */
    private static TaskChanges changes(JsonNode input, ToolContext context, boolean creating) {
        ObjectNode body = Inputs.copy(input);
        if (body.has("dueAt") && !body.has("timeZone")) {
            body.put("timeZone", ToolCalls.zone(context).getId());
        }
        FieldErrors errors = new FieldErrors();
        TaskChanges changes = TaskInput.parse(body, creating, errors);
        errors.throwIfAny();
        return changes;
    }

    /** The fields {@code changes} touched, as they were before: tasks_update's input that puts them back. */
    private static ObjectNode restore(Task before, JsonNode changes) {
        ObjectNode all = recreate(before);
        all.put("status", before.status().wire());
        ObjectNode back = id(before.id());
        for (String field : changes.propertyNames()) {
            if (all.has(field)) {
                back.set(field, all.get(field));
            }
        }
        return back;
    }

    /** tasks_create's input for a task like this one. */
    private static ObjectNode recreate(Task t) {
        ObjectNode in = JSON.createObjectNode();
        in.put("title", t.title());
        in.put("notes", t.notes() == null ? "" : t.notes());
        in.put("dueAt", t.dueAt() == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.dueInZone()));
        in.put("priority", t.priority().wire());
        ArrayNode tags = in.putArray("tags");
        t.tags().forEach(tags::add);
        in.put("project", t.project() == null ? "" : t.project());
        return in;
    }

    /** "This task" for the assistant's page context: a task of the caller's workspace, as the task routes show. */
    @Bean
    PageItem taskPageItem(ToolCalls calls, TaskService tasks) {
        return PageItem.of(
                "task",
                (context, id) -> calls.read(context, user -> tasks.get(user, id))
                        .map(t -> {
                            ObjectNode o = json(t);
                            o.put("notes", ToolCalls.cap(t.notes(), 2_000));
                            return new PageItem.Described(t.title(), o, false);
                        }));
    }

    private static ObjectNode json(Task t) {
        ObjectNode o = id(t.id());
        o.put("title", t.title());
        o.put("status", t.status().wire());
        o.put("priority", t.priority().wire());
        o.put("dueAt", t.dueAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.dueInZone()));
        if (!t.tags().isEmpty()) {
            ArrayNode tags = o.putArray("tags");
            t.tags().forEach(tags::add);
        }
        if (t.project() != null) {
            o.put("project", t.project());
        }
        o.put("link", "/tasks");
        return o;
    }

    private static String due(Task t) {
        return t.dueAt() == null
                ? ""
                : ", due " + DateTimeFormatter.ofPattern("EEE d MMM HH:mm").format(t.dueInZone());
    }

    private static ObjectNode id(String id) {
        return JSON.createObjectNode().put("id", id);
    }

    private static ToolResult.Undo undo(String tool, JsonNode input, String summary) {
        return new ToolResult.Undo(tool, input, summary);
    }
}
