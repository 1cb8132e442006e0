package dev.atom.connectors.github;

import static dev.atom.connectors.github.GitHubApi.args;
import static dev.atom.connectors.github.GitHubApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code github.issues}: the issues assigned to the account across every repository it can see, through the
 * search API ({@code assignee:@me}, which the REST description covers, unlike {@code GET /issues}). A full pass
 * lists the open ones; a poll lists those updated since, closed ones included (marked done). Deleted,
 * transferred and reassigned issues disappear at the next full pass ({@link UpdatedSinceFeed}). The milestone's
 * due date is the issue's. Search stops at 1,000 results, more than one person is assigned.
 */
final class GitHubIssuesFeed extends UpdatedSinceFeed {
    private static final int MAX_RESULTS = 1000;

    @Override
    public String id() {
        return "github.issues";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return search(ctx, "is:issue is:open assignee:@me", page, pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        String from =
                since.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString();
        return search(ctx, "is:issue assignee:@me updated:>=" + from, page, pageSize);
    }

    private static Batch search(ActionContext ctx, String q, String page, int pageSize) {
        int number = page == null ? 1 : Integer.parseInt(page);
        JsonNode r = GitHubApi.get(
                ctx,
                "/search/issues",
                args("q", q, "sort", "updated", "order", "asc", "per_page", pageSize, "page", number));
        List<SyncChange> changes = new ArrayList<>();
        JsonNode items = r.path("items");
        for (JsonNode n : items) {
            if (!n.has("pull_request")) {
                changes.add(new SyncChange.Upsert(item(n)));
            }
        }
        boolean more = items.size() >= pageSize
                && (long) number * pageSize < Math.min(r.path("total_count").asLong(0), MAX_RESULTS);
        return new Batch(changes, more ? String.valueOf(number + 1) : null);
    }

    static SyncedWorkItem item(JsonNode n) {
        // https://api.github.com/repos/{owner}/{repo}: the last two segments
        String[] repoUrl = n.path("repository_url").asString("").split("/");
        String owner = repoUrl.length >= 2 ? repoUrl[repoUrl.length - 2] : "";
        String repo = repoUrl.length >= 1 ? repoUrl[repoUrl.length - 1] : "";
        String state = n.path("state").asString("open");
        String due = text(n.path("milestone").get("due_on"));
        String updated = text(n.get("updated_at"));
        return new SyncedWorkItem(
                n.path("id")
                        .asString(owner + "/" + repo + "#" + n.path("number").asInt()),
                "issue",
                n.path("title").asString(""),
                owner + "/" + repo,
                state,
                state.equals("closed"),
                due == null
                        ? null
                        : LocalDate.ofInstant(OffsetDateTime.parse(due).toInstant(), ZoneOffset.UTC),
                true,
                text(n.get("body")),
                text(n.get("html_url")),
                updated == null ? null : Instant.parse(updated),
                Map.of(
                        "owner",
                        owner,
                        "repo",
                        repo,
                        "number",
                        String.valueOf(n.path("number").asInt())));
    }
}
