package dev.atom.connectors.github;

import static dev.atom.connectors.github.GitHubApi.args;
import static dev.atom.connectors.github.GitHubApi.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing and creating issues, and the issue record every issue action answers with. */
final class GitHubIssues {
    private GitHubIssues() {}

    enum State {
        open,
        closed,
        all
    }

    @Schema(description = "Which issues of a repository to list (pull requests are left out)")
    record ListInput(
            @Schema(description = "The repository's owner (user or organisation)", examples = "\"octocat\"")
            String owner,

            @Schema(description = "The repository's name", examples = "\"hello-world\"")
            String repo,

            @Schema(description = "open (default), closed or all") @Nullable
            State state,

            @Schema(description = "Only issues with all of these labels") @Nullable
            List<String> labels,

            @Schema(description = "Issues per page (default 30)", minimum = 1, maximum = 100) @Nullable
            Integer perPage,

            @Schema(description = "Page number, from 1", minimum = 1) @Nullable
            Integer page) {}

    @Schema(description = "A GitHub issue")
    record Issue(
            @Schema(description = "The issue number in its repository")
            int number,

            @Schema(description = "Title") String title,

            @Schema(description = "open or closed") String state,

            @Schema(description = "The issue's page on GitHub", format = "uri")
            String url,

            @Schema(description = "The body (Markdown)") @Nullable
            String body,

            @Schema(description = "Label names") List<String> labels,

            @Schema(description = "The author's login") @Nullable
            String author,

            @Schema(description = "When it was created", format = "date-time") @Nullable
            String createdAt) {

        static Issue of(JsonNode n) {
            List<String> labels = new ArrayList<>();
            n.path("labels")
                    .forEach(l -> labels.add(
                            l.isString() ? l.asString() : l.path("name").asString()));
            return new Issue(
                    n.path("number").asInt(),
                    n.path("title").asString(),
                    n.path("state").asString(),
                    n.path("html_url").asString(),
                    text(n.get("body")),
                    labels,
                    text(n.path("user").get("login")),
                    text(n.get("created_at")));
        }
    }

    @Schema(description = "A page of issues")
    record Issues(
            @Schema(description = "The issues, newest first")
            List<Issue> issues) {}

    @Schema(description = "A new issue")
    record CreateInput(
            @Schema(description = "The repository's owner", examples = "\"octocat\"")
            String owner,

            @Schema(description = "The repository's name", examples = "\"hello-world\"")
            String repo,

            @Schema(description = "Title", minLength = 1, maxLength = 256)
            String title,

            @Schema(description = "The body (Markdown)", maxLength = 65536) @Nullable
            String body,

            @Schema(description = "Label names to set") @Nullable
            List<String> labels,

            @Schema(description = "Logins to assign") @Nullable
            List<String> assignees) {}

    static final class ListIssues extends BaseAction<ListInput, Issues> {
        ListIssues() {
            super(
                    "github.list_issues",
                    "List issues",
                    "Lists a repository's issues (not pull requests), optionally by state and labels.",
                    ListInput.class,
                    Issues.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public Issues execute(ActionContext ctx, ListInput in) {
            JsonNode r = GitHubApi.get(
                    ctx,
                    GitHubApi.repoPath(in.owner(), in.repo()) + "/issues",
                    args(
                            "state",
                            in.state(),
                            "labels",
                            in.labels() == null || in.labels().isEmpty() ? null : String.join(",", in.labels()),
                            "per_page",
                            in.perPage(),
                            "page",
                            in.page()));
            List<Issue> out = new ArrayList<>();
            for (JsonNode n : r) {
                if (!n.has("pull_request")) {
                    out.add(Issue.of(n));
                }
            }
            return new Issues(out);
        }
    }

    // GitHub takes no idempotency key: creating twice makes two; labelling and closing are natural
    static final class CreateIssue extends BaseAction<CreateInput, Issue> {
        CreateIssue() {
            super(
                    "github.create_issue",
                    "Create an issue",
                    "Opens an issue in a repository, with labels and assignees if given.",
                    CreateInput.class,
                    Issue.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public Issue execute(ActionContext ctx, CreateInput in) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", in.title());
            if (in.body() != null) {
                body.put("body", in.body());
            }
            if (in.labels() != null && !in.labels().isEmpty()) {
                body.put("labels", in.labels());
            }
            if (in.assignees() != null && !in.assignees().isEmpty()) {
                body.put("assignees", in.assignees());
            }
            return Issue.of(GitHubApi.send(ctx, "POST", GitHubApi.repoPath(in.owner(), in.repo()) + "/issues", body));
        }
    }
}
