package dev.atom.connectors.asana;

import static dev.atom.connectors.asana.AsanaApi.query;
import static dev.atom.connectors.asana.AsanaTask.gid;
import static dev.atom.connectors.asana.AsanaTask.userOrNull;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Listing and creating tasks. */
final class AsanaTasks {
    private AsanaTasks() {}

    @Schema(description = "Which tasks: those of a project, or those assigned to someone in a workspace")
    record ListInput(
            @Schema(description = "The project's id") @Nullable
            String project,

            @Schema(description = "The assignee's user id, or me (needs workspace)") @Nullable
            String assignee,

            @Schema(description = "The workspace's id (with assignee)") @Nullable
            String workspace,

            @Schema(
                    description = "Only tasks not completed, or completed since this instant ('now' for open ones)",
                    examples = {"now", "2026-11-01T00:00:00Z"})
            @Nullable
            String completedSince,

            @Schema(description = "Extra task fields to return in raw (e.g. tags, custom_fields)") @Nullable
            List<String> optFields,

            @Schema(description = "Tasks per page (1-100, default 50)", minimum = 1, maximum = 100) @Nullable
            Integer limit,

            @Schema(description = "The nextOffset of the previous page") @Nullable
            String offset) {}

    @Schema(description = "One page of tasks")
    record TaskPage(
            @Schema(description = "The tasks") List<AsanaTask> tasks,

            @Schema(description = "Pass as offset for the next page; absent on the last") @Nullable
            String nextOffset) {}

    @Schema(description = "A new task: in a workspace, or in projects (which imply theirs)")
    record CreateInput(
            @Schema(description = "Its name", minLength = 1, maxLength = 1024)
            String name,

            @Schema(description = "The workspace's id (needed without projects)") @Nullable
            String workspace,

            @Schema(description = "Ids of projects to add it to") @Nullable
            List<String> projects,

            @Schema(description = "The assignee's user id, or me") @Nullable
            String assignee,

            @Schema(description = "Description (plain text)", maxLength = 65536) @Nullable
            String notes,

            @Schema(description = "Due date", format = "date") @Nullable
            String dueOn) {}

    static final class ListTasks extends BaseAction<ListInput, TaskPage> {
        ListTasks() {
            super(
                    "asana.list_tasks",
                    "List tasks",
                    "Lists the tasks of a project, or those assigned to someone in a workspace.",
                    ListInput.class,
                    TaskPage.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public TaskPage execute(ActionContext ctx, ListInput in) {
            String project = in.project() == null || in.project().isBlank() ? null : gid(in.project(), "project");
            String assignee = userOrNull(in.assignee(), "assignee");
            String workspace =
                    in.workspace() == null || in.workspace().isBlank() ? null : gid(in.workspace(), "workspace");
            if (project == null && (assignee == null || workspace == null)) {
                throw new ConnectorException.InvalidInput(
                        "project", "give a project, or an assignee together with a workspace");
            }
            if (project != null && (assignee != null || workspace != null)) {
                throw new ConnectorException.InvalidInput(
                        "project", "give a project, or an assignee and a workspace, not both");
            }
            String fields = AsanaTask.FIELDS;
            if (in.optFields() != null) {
                for (String f : in.optFields()) {
                    if (!f.matches("[a-z_][a-z0-9_.]{0,60}")) {
                        throw new ConnectorException.InvalidInput(
                                "optFields", "'" + f + "' is not an Asana field name");
                    }
                    fields += "," + f;
                }
            }
            JsonNode page = AsanaApi.call(
                    ctx,
                    "GET",
                    "/tasks",
                    query(
                            "project", project,
                            "assignee", assignee,
                            "workspace", workspace,
                            "completed_since", completedSince(ctx, in.completedSince()),
                            "opt_fields", fields,
                            "limit", in.limit() == null ? 50 : in.limit(),
                            "offset", blankToNull(in.offset())),
                    null,
                    project != null ? "project" : "workspace");
            List<AsanaTask> tasks = new ArrayList<>();
            page.path("data").forEach(t -> tasks.add(AsanaTask.of(t)));
            return new TaskPage(tasks, AsanaApi.text(page.path("next_page"), "offset"));
        }
    }

    // Asana takes no idempotency key: a retry after the request went out may create the task twice
    static final class CreateTask extends BaseAction<CreateInput, AsanaTask> {
        CreateTask() {
            super(
                    "asana.create_task",
                    "Create a task",
                    "Creates an Asana task in a workspace or in projects.",
                    CreateInput.class,
                    AsanaTask.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public AsanaTask execute(ActionContext ctx, CreateInput in) {
            ObjectNode data = AsanaApi.JSON.createObjectNode();
            data.put("name", in.name());
            List<String> projects = in.projects() == null ? List.of() : in.projects();
            if (in.workspace() != null && !in.workspace().isBlank()) {
                data.put("workspace", gid(in.workspace(), "workspace"));
            } else if (projects.isEmpty()) {
                throw new ConnectorException.InvalidInput("workspace", "is required when no project is given");
            }
            if (!projects.isEmpty()) {
                var array = data.putArray("projects");
                projects.forEach(p -> array.add(gid(p, "projects")));
            }
            String assignee = userOrNull(in.assignee(), "assignee");
            if (assignee != null) {
                data.put("assignee", assignee);
            }
            if (in.notes() != null) {
                data.put("notes", in.notes());
            }
            if (in.dueOn() != null) {
                data.put("due_on", in.dueOn());
            }
            JsonNode answer =
                    AsanaApi.call(ctx, "POST", "/tasks", query("opt_fields", AsanaTask.FIELDS), data, blame(in));
            return AsanaTask.of(answer.path("data"));
        }

        private static String blame(CreateInput in) {
            return in.projects() != null && !in.projects().isEmpty() ? "projects" : "workspace";
        }
    }

    /** An instant, or now; Asana's description takes only date-times. */
    private static String completedSince(ActionContext ctx, String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        if (v.equals("now")) {
            return ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
        }
        try {
            return Instant.parse(v).toString();
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidInput(
                    "completedSince", "must be now or a date-time like 2026-11-01T00:00:00Z");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
