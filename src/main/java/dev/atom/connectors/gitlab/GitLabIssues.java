package dev.atom.connectors.gitlab;

import static dev.atom.connectors.gitlab.GitLabApi.args;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.connectors.gitlab.GitLabApi.Blame;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing, reading and creating issues. */
final class GitLabIssues {
    static final Blame ISSUE = new Blame("issueIid", "the GitLab issue");

    private GitLabIssues() {}

    enum State {
        opened,
        closed,
        all
    }

    enum Scope {
        assigned_to_me,
        created_by_me,
        all
    }

    @Schema(description = "Which issues to list")
    record ListInput(
            @Schema(description = "Project id or path (group/app); leave out for every project you can see") @Nullable
            String project,

            @Schema(description = "opened (default), closed or all") @Nullable
            State state,

            @Schema(
                    description =
                            "assigned_to_me, created_by_me or all (default: all in a project, else assigned_to_me)")
            @Nullable
            Scope scope,

            @Schema(description = "Only issues with every one of these labels") @Nullable
            List<String> labels,

            @Schema(description = "Words to find in the title or description") @Nullable
            String search,

            @Schema(description = "Issues per page, 1-100 (default 20)", minimum = 1, maximum = 100) @Nullable
            Integer perPage,

            @Schema(description = "The page to read (nextPage of the previous answer)") @Nullable
            Integer page) {}

    @Schema(description = "Issues, most recently updated first")
    record Issues(
            @Schema(description = "The issues") List<GitLabIssue> issues,

            @Schema(description = "The next page, when there is one") @Nullable
            Integer nextPage) {}

    @Schema(description = "One issue")
    record IssueRef(
            @Schema(description = "Project id or path (group/app)", examples = "\"acme/app\"")
            String project,

            @Schema(description = "The issue's number in the project (iid)", minimum = 1)
            long issueIid) {}

    @Schema(description = "A new issue")
    record CreateInput(
            @Schema(description = "Project id or path (group/app)")
            String project,

            @Schema(description = "Title", minLength = 1, maxLength = 255)
            String title,

            @Schema(description = "Description (Markdown)", maxLength = 1048576) @Nullable
            String description,

            @Schema(description = "Label names") @Nullable List<String> labels,

            @Schema(description = "User ids to assign") @Nullable
            List<Long> assigneeIds,

            @Schema(description = "Due date", format = "date") @Nullable
            String dueDate,

            @Schema(description = "Visible only to project members with at least Reporter role") @Nullable
            Boolean confidential) {}

    static final Action<ListInput, Issues> LIST = BaseAction.read(
            "gitlab.list_issues",
            "List issues",
            "Lists GitLab issues of a project, or those assigned to you across projects, most recently updated first.",
            ListInput.class,
            Issues.class,
            GitLabIssues::list);

    static final Action<IssueRef, GitLabIssue> GET = BaseAction.read(
            "gitlab.get_issue",
            "Get an issue",
            "Reads one GitLab issue by its project and number.",
            IssueRef.class,
            GitLabIssue.class,
            GitLabIssues::get);

    // GitLab takes no idempotency key for issues: a retry after the request went out makes a second one
    static final Action<CreateInput, GitLabIssue> CREATE = BaseAction.write(
            "gitlab.create_issue",
            "Create an issue",
            "Opens an issue in a GitLab project.",
            CreateInput.class,
            GitLabIssue.class,
            Idempotency.NONE,
            GitLabIssues::create);

    private static Issues list(ActionContext ctx, ListInput in) {
        String path = in.project() == null || in.project().isBlank()
                ? "/issues"
                : GitLabApi.project(in.project()) + "/issues";
        Scope scope = in.scope() != null ? in.scope() : path.equals("/issues") ? Scope.assigned_to_me : null;
        var reply = GitLabApi.get(
                ctx,
                path,
                args(
                        "state",
                        in.state() == null ? State.opened : in.state(),
                        "scope",
                        scope,
                        "labels",
                        in.labels() == null || in.labels().isEmpty() ? null : String.join(",", in.labels()),
                        "search",
                        in.search(),
                        "order_by",
                        "updated_at",
                        "sort",
                        "desc",
                        "per_page",
                        GitLabApi.perPage(in.perPage()),
                        "page",
                        in.page()),
                null);
        List<GitLabIssue> out = new ArrayList<>();
        reply.json().forEach(n -> out.add(GitLabIssue.of(n)));
        return new Issues(out, page(reply.nextPage()));
    }

    private static GitLabIssue get(ActionContext ctx, IssueRef in) {
        return GitLabIssue.of(
                GitLabApi.get(ctx, GitLabApi.project(in.project()) + "/issues/" + in.issueIid(), Map.of(), ISSUE)
                        .json());
    }

    private static GitLabIssue create(ActionContext ctx, CreateInput in) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("title", in.title());
        form.put("description", in.description());
        form.put("labels", in.labels() == null ? null : String.join(",", in.labels()));
        form.put("assignee_ids", in.assigneeIds());
        form.put("due_date", date(in.dueDate(), "dueDate"));
        form.put("confidential", in.confidential());
        JsonNode n = GitLabApi.send(ctx, "POST", GitLabApi.project(in.project()) + "/issues", form, null);
        return GitLabIssue.of(n);
    }

    static String date(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidInput(field, "must be a date like 2026-12-31");
        }
    }

    static Integer page(String next) {
        return next != null && next.matches("[0-9]{1,9}") ? Integer.valueOf(next) : null;
    }
}
