package dev.atom.connectors.linear;

import static dev.atom.connectors.linear.LinearApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code linear.issues}: the issues assigned to the connected user ({@code viewer.assignedIssues}). A full pass
 * lists those not completed or canceled; a poll lists those updated since, done ones included (marked done).
 * Unassigned and deleted issues go at the next full pass ({@link UpdatedSinceFeed}).
 */
final class LinearIssuesFeed extends UpdatedSinceFeed {
    static final String QUERY = "query Assigned($filter: IssueFilter, $first: Int, $after: String) {"
            + " viewer { assignedIssues(filter: $filter, first: $first, after: $after, orderBy: updatedAt) {"
            + " nodes { " + LinearIssue.FIELDS + " } pageInfo { hasNextPage endCursor } } } }";

    @Override
    public String id() {
        return "linear.issues";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return issues(
                ctx, Map.of("state", Map.of("type", Map.of("nin", List.of("completed", "canceled")))), page, pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        return issues(
                ctx,
                Map.of(
                        "updatedAt",
                        Map.of("gte", since.truncatedTo(ChronoUnit.SECONDS).toString())),
                page,
                pageSize);
    }

    private static Batch issues(ActionContext ctx, Map<String, Object> filter, String page, int pageSize) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("filter", filter);
        vars.put("first", Math.min(100, pageSize));
        vars.put("after", page);
        JsonNode connection =
                LinearApi.query(ctx, QUERY, vars, null).path("viewer").path("assignedIssues");
        List<SyncChange> changes = new ArrayList<>();
        connection.path("nodes").forEach(n -> changes.add(new SyncChange.Upsert(item(n))));
        JsonNode info = connection.path("pageInfo");
        return new Batch(changes, info.path("hasNextPage").asBoolean(false) ? text(info.get("endCursor")) : null);
    }

    static SyncedWorkItem item(JsonNode n) {
        LinearIssue i = LinearIssue.of(n);
        boolean done = "completed".equals(i.stateType()) || "canceled".equals(i.stateType());
        return new SyncedWorkItem(
                i.id(),
                "issue",
                i.identifier() + " " + i.title(),
                text(n.path("team").get("name")),
                i.state() == null ? "" : i.state(),
                done,
                i.dueDate() == null ? null : LocalDate.parse(i.dueDate()),
                true,
                i.description(),
                i.url(),
                i.updatedAt() == null ? null : Instant.parse(i.updatedAt()),
                Map.of("identifier", i.identifier()));
    }
}
