package dev.atom.connectors.gitlab;

import static dev.atom.connectors.gitlab.GitLabApi.args;
import static dev.atom.connectors.gitlab.GitLabApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code gitlab.issues}: the issues assigned to the account across every project it can see ({@code GET
 * /issues?scope=assigned_to_me}). A full pass lists the open ones; a poll lists those updated since, closed ones
 * included (marked done). Deleted, moved and reassigned issues go at the next full pass ({@link
 * UpdatedSinceFeed}). Pages follow GitLab's {@code X-Next-Page}.
 */
final class GitLabIssuesFeed extends UpdatedSinceFeed {

    @Override
    public String id() {
        return "gitlab.issues";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return issues(ctx, args("state", "opened"), page, pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        return issues(
                ctx,
                args(
                        "state",
                        "all",
                        "updated_after",
                        since.truncatedTo(ChronoUnit.SECONDS).toString()),
                page,
                pageSize);
    }

    private static Batch issues(ActionContext ctx, Map<String, String> filter, String page, int pageSize) {
        Map<String, String> query = new java.util.LinkedHashMap<>(filter);
        query.putAll(args(
                "scope", "assigned_to_me",
                "order_by", "updated_at",
                "sort", "asc",
                "per_page", Math.min(100, pageSize),
                "page", page == null ? "1" : page));
        var reply = GitLabApi.get(ctx, "/issues", query, null);
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode n : reply.json()) {
            changes.add(new SyncChange.Upsert(item(n)));
        }
        return new Batch(changes, reply.nextPage());
    }

    static SyncedWorkItem item(JsonNode n) {
        String state = n.path("state").asString("opened");
        String due = text(n.get("due_date"));
        String updated = text(n.get("updated_at"));
        String ref = text(n.path("references").get("full"));
        String webUrl = text(n.get("web_url"));
        return new SyncedWorkItem(
                String.valueOf(n.path("id").asLong()),
                "issue",
                n.path("title").asString(""),
                ref != null && ref.contains("#") ? ref.substring(0, ref.lastIndexOf('#')) : project(webUrl),
                state,
                state.equals("closed"),
                due == null ? null : LocalDate.parse(due),
                true,
                text(n.get("description")),
                webUrl,
                updated == null ? null : Instant.parse(updated),
                Map.of(
                        "projectId",
                        String.valueOf(n.path("project_id").asLong()),
                        "iid",
                        String.valueOf(n.path("iid").asLong())));
    }

    /** {@code https://gitlab.com/group/app/-/issues/3} to {@code group/app}. */
    private static String project(String webUrl) {
        if (webUrl == null || !webUrl.contains("/-/")) {
            return "";
        }
        String before = webUrl.substring(0, webUrl.indexOf("/-/"));
        int host = before.indexOf('/', before.indexOf("//") + 2);
        return host < 0 ? "" : before.substring(host + 1);
    }
}
