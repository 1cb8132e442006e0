package dev.atom.connectors.asana;

import static dev.atom.connectors.asana.AsanaApi.query;
import static dev.atom.connectors.asana.AsanaApi.seg;
import static dev.atom.connectors.asana.AsanaTask.gid;
import static dev.atom.connectors.asana.AsanaTask.userOrNull;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Changing a task: update fields, complete it, comment on it. */
final class AsanaTaskChanges {
    private AsanaTaskChanges() {}

    @Schema(description = "The fields to change; those left out stay as they are")
    record UpdateInput(
            @Schema(description = "The task's id") String task,

            @Schema(description = "New name", minLength = 1, maxLength = 1024) @Nullable
            String name,

            @Schema(description = "New description (plain text)", maxLength = 65536) @Nullable
            String notes,

            @Schema(description = "New assignee's user id, or me") @Nullable
            String assignee,

            @Schema(description = "New due date", format = "date") @Nullable
            String dueOn,

            @Schema(description = "Done or not") @Nullable Boolean completed) {}

    @Schema(description = "A task to mark done")
    record TaskRef(@Schema(description = "The task's id") String task) {}

    @Schema(description = "A comment on a task")
    record CommentInput(
            @Schema(description = "The task's id") String task,

            @Schema(description = "The comment (plain text)", minLength = 1, maxLength = 65536)
            String text) {}

    @Schema(description = "A comment (story) on a task")
    record Comment(
            @Schema(description = "The story's id") String gid,

            @Schema(description = "Its text") String text,

            @Schema(description = "When it was made", format = "date-time") @Nullable
            String createdAt) {}

    // Setting fields to given values is safe to repeat
    static final class UpdateTask extends BaseAction<UpdateInput, AsanaTask> {
        UpdateTask() {
            super(
                    "asana.update_task",
                    "Update a task",
                    "Changes an Asana task's name, description, assignee, due date or completion.",
                    UpdateInput.class,
                    AsanaTask.class,
                    true,
                    Idempotency.NATURAL);
        }

        @Override
        public AsanaTask execute(ActionContext ctx, UpdateInput in) {
            String task = gid(in.task(), "task");
            ObjectNode data = AsanaApi.JSON.createObjectNode();
            if (in.name() != null) {
                data.put("name", in.name());
            }
            if (in.notes() != null) {
                data.put("notes", in.notes());
            }
            String assignee = userOrNull(in.assignee(), "assignee");
            if (assignee != null) {
                data.put("assignee", assignee);
            }
            if (in.dueOn() != null) {
                data.put("due_on", in.dueOn());
            }
            if (in.completed() != null) {
                data.put("completed", in.completed());
            }
            if (data.isEmpty()) {
                throw new ConnectorException.InvalidInput("name", "give at least one field to change");
            }
            return put(ctx, task, data);
        }
    }

    static final class CompleteTask extends BaseAction<TaskRef, AsanaTask> {
        CompleteTask() {
            super(
                    "asana.complete_task",
                    "Complete a task",
                    "Marks an Asana task as done.",
                    TaskRef.class,
                    AsanaTask.class,
                    true,
                    Idempotency.NATURAL);
        }

        @Override
        public AsanaTask execute(ActionContext ctx, TaskRef in) {
            ObjectNode data = AsanaApi.JSON.createObjectNode();
            data.put("completed", true);
            return put(ctx, gid(in.task(), "task"), data);
        }
    }

    // A retry after the request went out may post the comment twice (Asana takes no idempotency key)
    static final class AddComment extends BaseAction<CommentInput, Comment> {
        AddComment() {
            super(
                    "asana.add_comment",
                    "Comment on a task",
                    "Adds a comment to an Asana task.",
                    CommentInput.class,
                    Comment.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public Comment execute(ActionContext ctx, CommentInput in) {
            ObjectNode data = AsanaApi.JSON.createObjectNode();
            data.put("text", in.text());
            JsonNode s = AsanaApi.call(
                            ctx,
                            "POST",
                            "/tasks/" + seg(gid(in.task(), "task")) + "/stories",
                            query("opt_fields", "text,created_at"),
                            data,
                            "task")
                    .path("data");
            return new Comment(s.path("gid").asString(), s.path("text").asString(""), AsanaApi.text(s, "created_at"));
        }
    }

    private static AsanaTask put(ActionContext ctx, String task, ObjectNode data) {
        JsonNode answer =
                AsanaApi.call(ctx, "PUT", "/tasks/" + seg(task), query("opt_fields", AsanaTask.FIELDS), data, "task");
        return AsanaTask.of(answer.path("data"));
    }
}
