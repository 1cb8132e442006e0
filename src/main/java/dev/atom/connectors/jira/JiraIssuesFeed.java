package dev.atom.connectors.jira;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code jira.issues}: the issues assigned to the account, through the enhanced JQL search the connector's
 * actions use. A full pass asks for {@code assignee = currentUser() AND statusCategory != Done}; a poll for {@code
 * assignee = currentUser() AND updated >= "<minute>"} in the account's time zone (JQL counts in minutes and in the
 * user's zone), so issues just finished arrive as done. Deleted and reassigned issues go at the next full pass.
 */
final class JiraIssuesFeed extends UpdatedSinceFeed {
    static final String FIELDS = "summary,status,project,duedate,description,updated";
    private static final DateTimeFormatter JQL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final JiraApi api;

    JiraIssuesFeed(JiraApi api) {
        this.api = api;
    }

    @Override
    public String id() {
        return "jira.issues";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        return search(ctx, "assignee = currentUser() AND statusCategory != Done ORDER BY updated ASC", page, pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        JsonNode me = api.call(ctx, "GET", "/rest/api/3/myself", Map.of(), null, null);
        String minute =
                JQL_MINUTE.format(since.truncatedTo(ChronoUnit.MINUTES).atZone(zone(JiraApi.text(me, "timeZone"))));
        return search(
                ctx, "assignee = currentUser() AND updated >= \"" + minute + "\" ORDER BY updated ASC", page, pageSize);
    }

    private Batch search(ActionContext ctx, String jql, String page, int pageSize) {
        ObjectNode body = JiraApi.JSON.createObjectNode();
        body.put("jql", jql);
        body.put("maxResults", pageSize);
        var fields = body.putArray("fields");
        for (String f : FIELDS.split(",")) {
            fields.add(f);
        }
        if (page != null) {
            body.put("nextPageToken", page);
        }
        JsonNode answer = api.call(ctx, "POST", "/rest/api/3/search/jql", Map.of(), body, Map.of("", "jql"));
        String site = api.browse(ctx);
        List<SyncChange> changes = new ArrayList<>();
        answer.path("issues").forEach(i -> changes.add(new SyncChange.Upsert(item(i, site))));
        String next = JiraApi.text(answer, "nextPageToken");
        return new Batch(changes, answer.path("isLast").asBoolean(true) ? null : next);
    }

    static SyncedWorkItem item(JsonNode issue, String site) {
        JsonNode f = issue.path("fields");
        String key = issue.path("key").asString("");
        JsonNode status = f.path("status");
        String due = JiraApi.text(f, "duedate");
        return new SyncedWorkItem(
                key,
                "issue",
                f.path("summary").asString(key),
                JiraApi.text(f.path("project"), "name") != null
                        ? JiraApi.text(f.path("project"), "name")
                        : JiraApi.text(f.path("project"), "key"),
                JiraApi.text(status, "name"),
                "done".equals(status.path("statusCategory").path("key").asString("")),
                due == null ? null : parseDate(due),
                true,
                Adf.toText(f.get("description")),
                site + "/browse/" + key,
                updated(JiraApi.text(f, "updated")),
                Map.of("key", key));
    }

    private static LocalDate parseDate(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant updated(String s) {
        try {
            return s == null ? null : JIRA_TIME.parse(s, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
