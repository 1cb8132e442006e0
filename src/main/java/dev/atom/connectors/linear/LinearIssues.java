package dev.atom.connectors.linear;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.connectors.linear.LinearApi.Blame;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing, searching, reading and creating issues. */
final class LinearIssues {
    static final Blame ISSUE = new Blame("issueId", "the Linear issue");
    static final String LIST = "query Issues($filter: IssueFilter, $first: Int, $after: String) {"
            + " issues(filter: $filter, first: $first, after: $after, orderBy: updatedAt) {"
            + " nodes { " + LinearIssue.FIELDS + " } pageInfo { hasNextPage endCursor } } }";
    static final String SEARCH = "query Search($term: String!, $teamId: String, $first: Int, $after: String) {"
            + " searchIssues(term: $term, teamId: $teamId, first: $first, after: $after) {"
            + " nodes { " + LinearIssue.FIELDS + " } pageInfo { hasNextPage endCursor } } }";
    static final String GET = "query Issue($id: String!) { issue(id: $id) { " + LinearIssue.FIELDS + " } }";
    static final String CREATE = "mutation Create($input: IssueCreateInput!) {"
            + " issueCreate(input: $input) { success issue { " + LinearIssue.FIELDS + " } } }";

    private LinearIssues() {}

    enum StateType {
        triage,
        backlog,
        unstarted,
        started,
        completed,
        canceled
    }

    @Schema(description = "Which issues to list")
    record ListInput(
            @Schema(description = "Only this team's issues (its id, from linear.list_teams)") @Nullable
            String teamId,

            @Schema(description = "Only issues in states of this type (started, unstarted, completed...)") @Nullable
            StateType stateType,

            @Schema(description = "Only issues assigned to you") @Nullable
            Boolean assignedToMe,

            @Schema(description = "Issues per page, 1-100 (default 50)", minimum = 1, maximum = 100) @Nullable
            Integer first,

            @Schema(description = "The page after this cursor (endCursor of the previous answer)") @Nullable
            String after) {}

    @Schema(description = "Words to find in issues")
    record SearchInput(
            @Schema(description = "What to search for (title, description, identifier)", minLength = 1)
            String term,

            @Schema(description = "Only this team's issues") @Nullable
            String teamId,

            @Schema(description = "Issues per page, 1-100 (default 50)", minimum = 1, maximum = 100) @Nullable
            Integer first,

            @Schema(description = "The page after this cursor") @Nullable
            String after) {}

    @Schema(description = "Issues, with the cursor of the next page")
    record Issues(
            @Schema(description = "The issues") List<LinearIssue> issues,

            @Schema(description = "Pass as after for the next page; absent on the last one") @Nullable
            String endCursor) {}

    @Schema(description = "One issue")
    record IssueRef(
            @Schema(description = "The issue's id or key (ENG-123)", examples = "\"ENG-123\"")
            String issueId) {}

    @Schema(description = "A new issue")
    record CreateInput(
            @Schema(description = "The team's id (from linear.list_teams)")
            String teamId,

            @Schema(description = "Title", minLength = 1, maxLength = 512)
            String title,

            @Schema(description = "Description (Markdown)") @Nullable
            String description,

            @Schema(description = "Assignee's user id") @Nullable
            String assigneeId,

            @Schema(description = "Workflow state id (from linear.list_states); the team's default when left out")
            @Nullable
            String stateId,

            @Schema(description = "0 none, 1 urgent, 2 high, 3 medium, 4 low", minimum = 0, maximum = 4) @Nullable
            Integer priority,

            @Schema(description = "Due date", format = "date") @Nullable
            String dueDate,

            @Schema(description = "Label ids") @Nullable List<String> labelIds) {}

    static final Action<ListInput, Issues> LIST_ISSUES = BaseAction.read(
            "linear.list_issues",
            "List issues",
            "Lists Linear issues by team, state type or assignment to you, most recently updated first.",
            ListInput.class,
            Issues.class,
            LinearIssues::list);

    static final Action<SearchInput, Issues> SEARCH_ISSUES = BaseAction.read(
            "linear.search_issues",
            "Search issues",
            "Finds Linear issues by words in their title, description or key.",
            SearchInput.class,
            Issues.class,
            LinearIssues::search);

    static final Action<IssueRef, LinearIssue> GET_ISSUE = BaseAction.read(
            "linear.get_issue",
            "Get an issue",
            "Reads one Linear issue by its id or key (ENG-123).",
            IssueRef.class,
            LinearIssue.class,
            LinearIssues::get);

    // Linear keeps the id a client gives a new issue: the same key makes the same id, so a retry finds it taken
    static final Action<CreateInput, LinearIssue> CREATE_ISSUE = BaseAction.write(
            "linear.create_issue",
            "Create an issue",
            "Creates an issue in a Linear team.",
            CreateInput.class,
            LinearIssue.class,
            Idempotency.KEY,
            LinearIssues::create);

    private static Issues list(ActionContext ctx, ListInput in) {
        Map<String, Object> filter = new LinkedHashMap<>();
        if (in.teamId() != null) {
            filter.put("team", Map.of("id", Map.of("eq", in.teamId())));
        }
        if (in.stateType() != null) {
            filter.put("state", Map.of("type", Map.of("eq", in.stateType().name())));
        }
        if (Boolean.TRUE.equals(in.assignedToMe())) {
            filter.put("assignee", Map.of("isMe", Map.of("eq", true)));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("filter", filter);
        vars.put("first", LinearApi.first(in.first()));
        vars.put("after", in.after());
        return issues(LinearApi.query(ctx, LIST, vars, new Blame("teamId", "the Linear team"))
                .path("issues"));
    }

    private static Issues search(ActionContext ctx, SearchInput in) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("term", in.term());
        vars.put("teamId", in.teamId());
        vars.put("first", LinearApi.first(in.first()));
        vars.put("after", in.after());
        return issues(LinearApi.query(ctx, SEARCH, vars, new Blame("teamId", "the Linear team"))
                .path("searchIssues"));
    }

    static Issues issues(JsonNode connection) {
        List<LinearIssue> out = new ArrayList<>();
        connection.path("nodes").forEach(n -> out.add(LinearIssue.of(n)));
        JsonNode page = connection.path("pageInfo");
        return new Issues(
                out, page.path("hasNextPage").asBoolean(false) ? LinearApi.text(page.get("endCursor")) : null);
    }

    private static LinearIssue get(ActionContext ctx, IssueRef in) {
        JsonNode issue = LinearApi.query(ctx, GET, Map.of("id", in.issueId().strip()), ISSUE)
                .path("issue");
        if (!issue.isObject()) {
            throw new ConnectorException.NotFound("issueId", "the Linear issue");
        }
        return LinearIssue.of(issue);
    }

    private static LinearIssue create(ActionContext ctx, CreateInput in) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", LinearApi.idFor(ctx, "issue"));
        input.put("teamId", in.teamId());
        input.put("title", in.title());
        putIf(input, "description", in.description());
        putIf(input, "assigneeId", in.assigneeId());
        putIf(input, "stateId", in.stateId());
        putIf(input, "priority", in.priority());
        putIf(input, "dueDate", date(in.dueDate()));
        putIf(input, "labelIds", in.labelIds());
        JsonNode r = LinearApi.query(
                        ctx,
                        CREATE,
                        Map.of("input", input),
                        new Blame(
                                "teamId",
                                "the Linear team",
                                List.of("stateId", "assigneeId", "labelIds", "title", "dueDate")))
                .path("issueCreate");
        return LinearIssue.of(r.path("issue"));
    }

    static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidInput("dueDate", "must be a date like 2026-12-31");
        }
    }
}
