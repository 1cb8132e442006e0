package dev.atom.connectors.gitlab;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Changing, closing and commenting on issues. */
final class GitLabIssueChanges {
    private GitLabIssueChanges() {}

    enum StateEvent {
        close,
        reopen
    }

    @Schema(description = "Changes to an issue; fields left out stay as they are")
    record UpdateInput(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "The issue's number in the project (iid)", minimum = 1)
            long issueIid,

            @Schema(description = "New title", minLength = 1, maxLength = 255) @Nullable
            String title,

            @Schema(description = "New description (Markdown)") @Nullable
            String description,

            @Schema(description = "The labels it should have (replaces the old ones)") @Nullable
            List<String> labels,

            @Schema(description = "The user ids it should be assigned to (empty: nobody)") @Nullable
            List<Long> assigneeIds,

            @Schema(description = "New due date", format = "date") @Nullable
            String dueDate,

            @Schema(description = "close or reopen") @Nullable
            StateEvent stateEvent) {}

    @Schema(description = "A comment on an issue or merge request")
    record CommentInput(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "The issue's number in the project (iid)", minimum = 1)
            long issueIid,

            @Schema(description = "The comment (Markdown)", minLength = 1, maxLength = 1000000)
            String body) {}

    @Schema(description = "A comment (note)")
    record Note(
            @Schema(description = "Note id") long id,

            @Schema(description = "The text") String body,

            @Schema(description = "Username of who wrote it") @Nullable
            String author,

            @Schema(description = "When", format = "date-time") @Nullable
            String createdAt) {

        static Note of(JsonNode n) {
            return new Note(
                    n.path("id").asLong(),
                    n.path("body").asString(""),
                    GitLabApi.text(n.path("author").get("username")),
                    GitLabApi.text(n.get("created_at")));
        }
    }

    // setting fields to given values is safe to repeat
    static final Action<UpdateInput, GitLabIssue> UPDATE = BaseAction.write(
            "gitlab.update_issue",
            "Update an issue",
            "Changes a GitLab issue's title, description, labels, assignees, due date or state.",
            UpdateInput.class,
            GitLabIssue.class,
            Idempotency.NATURAL,
            GitLabIssueChanges::update);

    static final Action<GitLabIssues.IssueRef, GitLabIssue> CLOSE = BaseAction.write(
            "gitlab.close_issue",
            "Close an issue",
            "Closes a GitLab issue.",
            GitLabIssues.IssueRef.class,
            GitLabIssue.class,
            Idempotency.NATURAL,
            GitLabIssueChanges::close);

    static final Action<CommentInput, Note> COMMENT = BaseAction.write(
            "gitlab.comment_issue",
            "Comment on an issue",
            "Adds a comment to a GitLab issue.",
            CommentInput.class,
            Note.class,
            Idempotency.NONE,
            GitLabIssueChanges::comment);

    private static GitLabIssue update(ActionContext ctx, UpdateInput in) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("title", in.title());
        form.put("description", in.description());
        form.put("labels", in.labels() == null ? null : String.join(",", in.labels()));
        form.put("assignee_ids", in.assigneeIds());
        form.put("due_date", GitLabIssues.date(in.dueDate(), "dueDate"));
        form.put("state_event", in.stateEvent());
        if (form.values().stream().allMatch(v -> v == null)) {
            throw new ConnectorException.InvalidInput("title", "give at least one field to change");
        }
        return put(ctx, in.project(), in.issueIid(), form);
    }

    private static GitLabIssue close(ActionContext ctx, GitLabIssues.IssueRef in) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("state_event", "close");
        return put(ctx, in.project(), in.issueIid(), form);
    }

    private static GitLabIssue put(ActionContext ctx, String project, long iid, Map<String, Object> form) {
        return GitLabIssue.of(
                GitLabApi.send(ctx, "PUT", GitLabApi.project(project) + "/issues/" + iid, form, GitLabIssues.ISSUE));
    }

    private static Note comment(ActionContext ctx, CommentInput in) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("body", in.body());
        return Note.of(GitLabApi.send(
                ctx,
                "POST",
                GitLabApi.project(in.project()) + "/issues/" + in.issueIid() + "/notes",
                form,
                GitLabIssues.ISSUE));
    }
}
