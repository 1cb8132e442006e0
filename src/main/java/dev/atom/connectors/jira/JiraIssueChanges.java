package dev.atom.connectors.jira;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Moving an issue through its workflow and commenting on it. */
final class JiraIssueChanges {
    private JiraIssueChanges() {}

    @Schema(description = "An issue to move on")
    record TransitionInput(
            @Schema(description = "Its key (ABC-123) or id") String issue,

            @Schema(
                    description = "The transition's name, or the status to move to (case does not matter)",
                    examples = {"Done", "In Progress"})
            String transition) {}

    @Schema(description = "Where the issue is now")
    record Transitioned(
            @Schema(description = "The issue's key or id") String issue,

            @Schema(description = "The status it moved to") String status,

            @Schema(description = "False when it already was there and nothing was done")
            boolean moved) {}

    @Schema(description = "A comment on an issue")
    record CommentInput(
            @Schema(description = "Its key (ABC-123) or id") String issue,

            @Schema(description = "The comment as plain text", minLength = 1, maxLength = 32000)
            String text) {}

    @Schema(description = "The comment made")
    record Comment(
            @Schema(description = "Its id") String id,

            @Schema(description = "When", format = "date-time") @Nullable
            String created) {}

    // Asking for the status it already has does nothing, so a repeat is safe
    static final class TransitionIssue extends BaseAction<TransitionInput, Transitioned> {
        private final JiraApi api;

        TransitionIssue(JiraApi api) {
            super(
                    "jira.transition_issue",
                    "Transition an issue",
                    "Moves a Jira issue through its workflow by transition or status name (e.g. Done).",
                    TransitionInput.class,
                    Transitioned.class,
                    true,
                    Idempotency.NATURAL);
            this.api = api;
        }

        @Override
        public Transitioned execute(ActionContext ctx, TransitionInput in) {
            String key = JiraApi.issue(in.issue(), "issue");
            String path = "/rest/api/3/issue/" + JiraApi.seg(key);
            String wanted = in.transition().strip().toLowerCase(Locale.ROOT);
            JsonNode options = api.call(ctx, "GET", path + "/transitions", Map.of(), null, Map.of("", "issue"));
            List<String> names = new ArrayList<>();
            JsonNode chosen = null;
            for (JsonNode t : options.path("transitions")) {
                String name = t.path("name").asString("");
                String to = t.path("to").path("name").asString("");
                names.add(name);
                if (chosen == null
                        && (name.toLowerCase(Locale.ROOT).equals(wanted)
                                || to.toLowerCase(Locale.ROOT).equals(wanted))) {
                    chosen = t;
                }
            }
            if (chosen == null) {
                JsonNode now = api.call(ctx, "GET", path, Map.of("fields", "status"), null, Map.of("", "issue"));
                String status = now.path("fields").path("status").path("name").asString("");
                if (status.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return new Transitioned(key, status, false);
                }
                throw new ConnectorException.InvalidInput(
                        "transition",
                        "'" + in.transition() + "' is not a transition of " + key + " from " + status + "; it has: "
                                + String.join(", ", names));
            }
            ObjectNode body = JiraApi.JSON.createObjectNode();
            body.putObject("transition").put("id", chosen.path("id").asString());
            api.call(ctx, "POST", path + "/transitions", Map.of(), body, Map.of("", "issue"));
            return new Transitioned(
                    key,
                    chosen.path("to").path("name").asString(chosen.path("name").asString()),
                    true);
        }
    }

    // Jira takes no idempotency key: a retry after the request went out may post the comment twice
    static final class AddComment extends BaseAction<CommentInput, Comment> {
        private final JiraApi api;

        AddComment(JiraApi api) {
            super(
                    "jira.add_comment",
                    "Comment on an issue",
                    "Adds a comment (plain text) to a Jira issue.",
                    CommentInput.class,
                    Comment.class,
                    true,
                    Idempotency.NONE);
            this.api = api;
        }

        @Override
        public Comment execute(ActionContext ctx, CommentInput in) {
            String key = JiraApi.issue(in.issue(), "issue");
            ObjectNode body = JiraApi.JSON.createObjectNode();
            body.set("body", Adf.fromText(in.text()));
            JsonNode c = api.call(
                    ctx,
                    "POST",
                    "/rest/api/3/issue/" + JiraApi.seg(key) + "/comment",
                    Map.of(),
                    body,
                    Map.of("", "issue", "body", "text"));
            return new Comment(c.path("id").asString(""), JiraApi.text(c, "created"));
        }
    }
}
