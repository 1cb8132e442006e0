package dev.atom.connectors.jira;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Finding, reading and creating issues. */
final class JiraIssues {
    private JiraIssues() {}

    @Schema(description = "A JQL search")
    record SearchInput(
            @Schema(
                    description = "The JQL query",
                    examples = {"project = ABC AND status = \"In Progress\""},
                    minLength = 1,
                    maxLength = 8000)
            String jql,

            @Schema(
                    description = "Fields to return (default: summary, status, type, project, assignee, description,"
                            + " updated)")
            @Nullable
            List<String> fields,

            @Schema(description = "Issues per page (1-100, default 50)", minimum = 1, maximum = 100) @Nullable
            Integer maxResults,

            @Schema(description = "The nextPageToken of the previous page") @Nullable
            String nextPageToken) {}

    @Schema(description = "One page of issues")
    record SearchResult(
            @Schema(description = "The issues") List<JiraIssue> issues,

            @Schema(description = "Pass as nextPageToken for the next page; absent on the last") @Nullable
            String nextPageToken) {}

    @Schema(description = "An issue to read")
    record GetInput(
            @Schema(description = "Its key (ABC-123) or id") String issue,

            @Schema(description = "Fields to return (default: the common ones)") @Nullable
            List<String> fields) {}

    @Schema(description = "A new issue")
    record CreateInput(
            @Schema(description = "The project's key, e.g. ABC")
            String project,

            @Schema(description = "The issue type's name, e.g. Task, Bug, Story")
            String issueType,

            @Schema(description = "Summary (title)", minLength = 1, maxLength = 255)
            String summary,

            @Schema(description = "Description as plain text (blank lines separate paragraphs)", maxLength = 32000)
            @Nullable
            String description,

            @Schema(description = "Labels (no spaces)") @Nullable
            List<String> labels,

            @Schema(description = "The assignee's Atlassian account id") @Nullable
            String assigneeAccountId) {}

    @Schema(description = "The issue made")
    record Created(
            @Schema(description = "Its key") String key,

            @Schema(description = "Its id") String id,

            @Schema(description = "Its page", format = "uri")
            String url) {}

    static final class Search extends BaseAction<SearchInput, SearchResult> {
        private final JiraApi api;

        Search(JiraApi api) {
            super(
                    "jira.search",
                    "Search issues",
                    "Finds Jira issues with a JQL query, a page at a time.",
                    SearchInput.class,
                    SearchResult.class,
                    false,
                    Idempotency.NATURAL);
            this.api = api;
        }

        @Override
        public SearchResult execute(ActionContext ctx, SearchInput in) {
            ObjectNode body = JiraApi.JSON.createObjectNode();
            body.put("jql", in.jql());
            body.put("maxResults", in.maxResults() == null ? 50 : in.maxResults());
            var fields = body.putArray("fields");
            fields(in.fields(), "fields").forEach(fields::add);
            if (in.nextPageToken() != null && !in.nextPageToken().isBlank()) {
                body.put("nextPageToken", in.nextPageToken());
            }
            JsonNode page =
                    api.call(ctx, "POST", "/rest/api/3/search/jql", Map.of(), body, Map.of("jql", "jql", "", "jql"));
            String site = site(ctx, api);
            List<JiraIssue> issues = new ArrayList<>();
            page.path("issues").forEach(i -> issues.add(JiraIssue.of(i, site)));
            boolean last = page.path("isLast").asBoolean(true);
            return new SearchResult(issues, last ? null : JiraApi.text(page, "nextPageToken"));
        }
    }

    static final class GetIssue extends BaseAction<GetInput, JiraIssue> {
        private final JiraApi api;

        GetIssue(JiraApi api) {
            super(
                    "jira.get_issue",
                    "Get an issue",
                    "Reads one Jira issue with its summary, status, assignee and description.",
                    GetInput.class,
                    JiraIssue.class,
                    false,
                    Idempotency.NATURAL);
            this.api = api;
        }

        @Override
        public JiraIssue execute(ActionContext ctx, GetInput in) {
            String key = JiraApi.issue(in.issue(), "issue");
            JsonNode issue = api.call(
                    ctx,
                    "GET",
                    "/rest/api/3/issue/" + JiraApi.seg(key),
                    Map.of("fields", String.join(",", fields(in.fields(), "fields"))),
                    null,
                    Map.of("", "issue"));
            return JiraIssue.of(issue, site(ctx, api));
        }
    }

    // Jira takes no idempotency key: a retry after the request went out may make the issue twice
    static final class CreateIssue extends BaseAction<CreateInput, Created> {
        private final JiraApi api;

        CreateIssue(JiraApi api) {
            super(
                    "jira.create_issue",
                    "Create an issue",
                    "Creates a Jira issue in a project; the description is plain text.",
                    CreateInput.class,
                    Created.class,
                    true,
                    Idempotency.NONE);
            this.api = api;
        }

        @Override
        public Created execute(ActionContext ctx, CreateInput in) {
            if (!in.project().strip().matches("[A-Za-z][A-Za-z0-9_]{0,49}")) {
                throw new ConnectorException.InvalidInput("project", "must be a project key like ABC");
            }
            ObjectNode fields = JiraApi.JSON.createObjectNode();
            fields.putObject("project").put("key", in.project().strip());
            fields.putObject("issuetype").put("name", in.issueType().strip());
            fields.put("summary", in.summary());
            if (in.description() != null && !in.description().isBlank()) {
                fields.set("description", Adf.fromText(in.description()));
            }
            if (in.labels() != null && !in.labels().isEmpty()) {
                var labels = fields.putArray("labels");
                for (String l : in.labels()) {
                    if (l.isBlank() || l.chars().anyMatch(Character::isWhitespace)) {
                        throw new ConnectorException.InvalidInput("labels", "'" + l + "' must be one word");
                    }
                    labels.add(l);
                }
            }
            if (in.assigneeAccountId() != null && !in.assigneeAccountId().isBlank()) {
                fields.putObject("assignee").put("id", in.assigneeAccountId().strip());
            }
            ObjectNode body = JiraApi.JSON.createObjectNode();
            body.set("fields", fields);
            JsonNode made = api.call(ctx, "POST", "/rest/api/3/issue", Map.of(), body, BLAME);
            String key = made.path("key").asString("");
            return new Created(key, made.path("id").asString(""), site(ctx, api) + "/browse/" + key);
        }

        /** Jira's field names in its errors, as our input names them. */
        private static final Map<String, String> BLAME = Map.of(
                "project", "project",
                "issuetype", "issueType",
                "summary", "summary",
                "description", "description",
                "labels", "labels",
                "assignee", "assigneeAccountId");
    }

    static List<String> fields(List<String> asked, String field) {
        if (asked == null || asked.isEmpty()) {
            return List.of(JiraIssue.FIELDS.split(","));
        }
        for (String f : asked) {
            if (!f.matches("[A-Za-z_][A-Za-z0-9_.-]{0,80}|\\*all|\\*navigable")) {
                throw new ConnectorException.InvalidInput(field, "'" + f + "' is not a Jira field name");
            }
        }
        return asked;
    }

    static String site(ActionContext ctx, JiraApi api) {
        return api.browse(ctx);
    }
}
