package dev.atom.connectors.linear;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.connectors.linear.LinearApi.Blame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Updating an issue (state, assignee, fields) and commenting on it. */
final class LinearIssueChanges {
    static final String UPDATE = "mutation Update($id: String!, $input: IssueUpdateInput!) {"
            + " issueUpdate(id: $id, input: $input) { success issue { " + LinearIssue.FIELDS + " } } }";
    static final String COMMENT = "mutation Comment($input: CommentCreateInput!) {"
            + " commentCreate(input: $input) { success comment { id body url createdAt user { name } } } }";

    private LinearIssueChanges() {}

    @Schema(description = "Changes to an issue; fields left out stay as they are")
    record UpdateInput(
            @Schema(description = "The issue's id or key (ENG-123)")
            String issueId,

            @Schema(description = "The workflow state to move it to (from linear.list_states)") @Nullable
            String stateId,

            @Schema(description = "The user to assign it to") @Nullable
            String assigneeId,

            @Schema(description = "True leaves it unassigned") @Nullable
            Boolean unassign,

            @Schema(description = "New title", minLength = 1, maxLength = 512) @Nullable
            String title,

            @Schema(description = "New description (Markdown)") @Nullable
            String description,

            @Schema(description = "0 none, 1 urgent, 2 high, 3 medium, 4 low", minimum = 0, maximum = 4) @Nullable
            Integer priority,

            @Schema(description = "New due date", format = "date") @Nullable
            String dueDate) {}

    @Schema(description = "A comment on an issue")
    record CommentInput(
            @Schema(description = "The issue's id or key (ENG-123)")
            String issueId,

            @Schema(description = "The comment (Markdown)", minLength = 1)
            String body) {}

    @Schema(description = "A comment")
    record Comment(
            @Schema(description = "Comment id") String id,

            @Schema(description = "The text") String body,

            @Schema(description = "The comment's page", format = "uri") @Nullable
            String url,

            @Schema(description = "Who wrote it") @Nullable String author,

            @Schema(description = "When", format = "date-time") @Nullable
            String createdAt) {}

    static final Action<UpdateInput, LinearIssue> UPDATE_ISSUE = BaseAction.write(
            "linear.update_issue",
            "Update an issue",
            "Moves a Linear issue to another state, assigns it, or changes its title, description, priority or due date.",
            UpdateInput.class,
            LinearIssue.class,
            Idempotency.NATURAL,
            LinearIssueChanges::update);

    // the comment's id comes from the idempotency key, so a retry cannot post it twice
    static final Action<CommentInput, Comment> COMMENT_ISSUE = BaseAction.write(
            "linear.comment_issue",
            "Comment on an issue",
            "Adds a comment to a Linear issue.",
            CommentInput.class,
            Comment.class,
            Idempotency.KEY,
            LinearIssueChanges::comment);

    private static LinearIssue update(ActionContext ctx, UpdateInput in) {
        Map<String, Object> input = new LinkedHashMap<>();
        LinearIssues.putIf(input, "stateId", in.stateId());
        if (Boolean.TRUE.equals(in.unassign())) {
            input.put("assigneeId", null);
        } else {
            LinearIssues.putIf(input, "assigneeId", in.assigneeId());
        }
        LinearIssues.putIf(input, "title", in.title());
        LinearIssues.putIf(input, "description", in.description());
        LinearIssues.putIf(input, "priority", in.priority());
        LinearIssues.putIf(input, "dueDate", LinearIssues.date(in.dueDate()));
        if (input.isEmpty()) {
            throw new ConnectorException.InvalidInput("stateId", "give at least one thing to change");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("id", in.issueId().strip());
        vars.put("input", input);
        JsonNode r = LinearApi.query(
                        ctx,
                        UPDATE,
                        vars,
                        new Blame("issueId", "the Linear issue", List.of("stateId", "assigneeId", "title", "dueDate")))
                .path("issueUpdate");
        return LinearIssue.of(r.path("issue"));
    }

    private static Comment comment(ActionContext ctx, CommentInput in) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", LinearApi.idFor(ctx, "comment"));
        input.put("issueId", in.issueId().strip());
        input.put("body", in.body());
        JsonNode c = LinearApi.query(ctx, COMMENT, Map.of("input", input), LinearIssues.ISSUE)
                .path("commentCreate")
                .path("comment");
        return new Comment(
                c.path("id").asString(""),
                c.path("body").asString(""),
                LinearApi.text(c.get("url")),
                LinearApi.text(c.path("user").get("name")),
                LinearApi.text(c.get("createdAt")));
    }
}
