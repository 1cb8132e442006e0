package dev.atom.connectors.github;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.github.GitHubIssues.Issue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Changing an issue: comment, add labels, close. */
final class GitHubIssueChanges {
    private GitHubIssueChanges() {}

    enum CloseReason {
        completed,
        not_planned
    }

    @Schema(description = "A comment on an issue or pull request")
    record CommentInput(
            @Schema(description = "The repository's owner", examples = "\"octocat\"")
            String owner,

            @Schema(description = "The repository's name", examples = "\"hello-world\"")
            String repo,

            @Schema(description = "The issue number", minimum = 1)
            int issueNumber,

            @Schema(description = "The comment (Markdown)", minLength = 1, maxLength = 65536)
            String body) {}

    @Schema(description = "The new comment")
    record Comment(
            @Schema(description = "The comment's id") long id,

            @Schema(description = "The comment's page on GitHub", format = "uri")
            String url) {}

    @Schema(description = "Labels to add to an issue (existing ones stay)")
    record LabelsInput(
            @Schema(description = "The repository's owner", examples = "\"octocat\"")
            String owner,

            @Schema(description = "The repository's name", examples = "\"hello-world\"")
            String repo,

            @Schema(description = "The issue number", minimum = 1)
            int issueNumber,

            @Schema(description = "Label names to add", examples = "[\"bug\"]")
            List<String> labels) {}

    @Schema(description = "The issue's labels after the change")
    record Labels(
            @Schema(description = "Every label name now on the issue")
            List<String> labels) {}

    @Schema(description = "An issue to close")
    record CloseInput(
            @Schema(description = "The repository's owner", examples = "\"octocat\"")
            String owner,

            @Schema(description = "The repository's name", examples = "\"hello-world\"")
            String repo,

            @Schema(description = "The issue number", minimum = 1)
            int issueNumber,

            @Schema(description = "completed (default) or not_planned") @Nullable
            CloseReason reason) {}

    static final class CommentIssue extends BaseAction<CommentInput, Comment> {
        CommentIssue() {
            super(
                    "github.comment_issue",
                    "Comment on an issue",
                    "Adds a comment to an issue or pull request.",
                    CommentInput.class,
                    Comment.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public Comment execute(ActionContext ctx, CommentInput in) {
            JsonNode r = GitHubApi.send(
                    ctx,
                    "POST",
                    GitHubApi.repoPath(in.owner(), in.repo()) + "/issues/" + in.issueNumber() + "/comments",
                    Map.of("body", in.body()));
            return new Comment(r.path("id").asLong(), r.path("html_url").asString());
        }
    }

    static final class AddLabels extends BaseAction<LabelsInput, Labels> {
        AddLabels() {
            super(
                    "github.add_labels",
                    "Add labels to an issue",
                    "Adds labels to an issue or pull request, keeping the ones it has.",
                    LabelsInput.class,
                    Labels.class,
                    true,
                    Idempotency.NATURAL);
        }

        @Override
        public Labels execute(ActionContext ctx, LabelsInput in) {
            JsonNode r = GitHubApi.send(
                    ctx,
                    "POST",
                    GitHubApi.repoPath(in.owner(), in.repo()) + "/issues/" + in.issueNumber() + "/labels",
                    Map.of("labels", in.labels()));
            List<String> names = new ArrayList<>();
            r.forEach(l -> names.add(l.path("name").asString()));
            return new Labels(names);
        }
    }

    static final class CloseIssue extends BaseAction<CloseInput, Issue> {
        CloseIssue() {
            super(
                    "github.close_issue",
                    "Close an issue",
                    "Closes an issue as completed or not planned.",
                    CloseInput.class,
                    Issue.class,
                    true,
                    Idempotency.NATURAL);
        }

        @Override
        public Issue execute(ActionContext ctx, CloseInput in) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("state", "closed");
            body.put(
                    "state_reason",
                    in.reason() == null ? "completed" : in.reason().name());
            return Issue.of(GitHubApi.send(
                    ctx, "PATCH", GitHubApi.repoPath(in.owner(), in.repo()) + "/issues/" + in.issueNumber(), body));
        }
    }
}
