package dev.atom.connectors.jira;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issues created or changed, by polling JQL {@code updated >= "<cursor>" ORDER BY updated ASC}. The cursor is
 * the last {@code updated} instant seen (the first poll only sets it to now). JQL dates are minutes in the
 * user's Jira time zone (from {@code /myself}), so a poll asks from the cursor's minute and may see an issue
 * again: events are keyed by issue key and updated instant, so each change starts at most one run. Stateless.
 */
final class JiraIssueUpdatedTrigger implements PollingTrigger {
    static final int MAX_PAGES = 10;
    private static final DateTimeFormatter JQL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final JiraApi api;

    JiraIssueUpdatedTrigger(JiraApi api) {
        this.api = api;
    }

    @Schema(description = "Which issues to watch")
    record Settings(
            @Schema(description = "A JQL filter without ORDER BY (e.g. project = ABC); all issues when absent")
            @Nullable
            String jql) {}

    @Override
    public String id() {
        return "jira.issue_updated";
    }

    @Override
    public String name() {
        return "Issue created or updated";
    }

    @Override
    public String description() {
        return "Starts when a Jira issue matching the filter is created or changed.";
    }

    @Override
    public Class<JiraIssue> eventType() {
        return JiraIssue.class;
    }

    @Override
    public Class<? extends Record> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        return poll(context, null, cursor);
    }

    @Override
    public Poll poll(ActionContext context, JsonNode settings, String cursor) {
        String filter = settings == null ? null : JiraApi.text(settings, "jql");
        if (filter != null && filter.toLowerCase(Locale.ROOT).contains("order by")) {
            throw new ConnectorException.InvalidInput("jql", "leave out ORDER BY: issues come oldest change first");
        }
        if (cursor == null) {
            return new Poll(List.of(), context.clock().instant().toString());
        }
        Instant since = Instant.parse(cursor);
        JsonNode me = api.call(context, "GET", "/rest/api/3/myself", Map.of(), null, null);
        ZoneId zone = zone(JiraApi.text(me, "timeZone"));
        String jql = (filter == null || filter.isBlank() ? "" : "(" + filter.strip() + ") AND ")
                + "updated >= \""
                + JQL_MINUTE.format(since.truncatedTo(ChronoUnit.MINUTES).atZone(zone))
                + "\" ORDER BY updated ASC";
        List<TriggerEvent> events = new ArrayList<>();
        Instant latest = since;
        String site = api.browse(context);
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = JiraApi.JSON.createObjectNode();
            body.put("jql", jql);
            body.put("maxResults", 100);
            var fields = body.putArray("fields");
            for (String f : JiraIssue.FIELDS.split(",")) {
                fields.add(f);
            }
            if (token != null) {
                body.put("nextPageToken", token);
            }
            JsonNode answer = api.call(context, "POST", "/rest/api/3/search/jql", Map.of(), body, Map.of("", "jql"));
            for (JsonNode i : answer.path("issues")) {
                JiraIssue issue = JiraIssue.of(i, site);
                Instant updated = updated(issue.updated());
                if (updated == null || updated.isBefore(since)) {
                    continue; // the minute's earlier seconds, seen by an earlier poll
                }
                events.add(new TriggerEvent(issue.key() + "@" + updated, updated, JiraApi.JSON.valueToTree(issue)));
                latest = updated.isAfter(latest) ? updated : latest;
            }
            token = JiraApi.text(answer, "nextPageToken");
            if (answer.path("isLast").asBoolean(true) || token == null) {
                break;
            }
        }
        return new Poll(events, latest.toString());
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static Instant updated(String s) {
        try {
            return s == null ? null : JIRA_TIME.parse(s, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
