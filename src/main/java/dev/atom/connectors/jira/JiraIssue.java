package dev.atom.connectors.jira;

import static dev.atom.connectors.jira.JiraApi.text;

import dev.atom.connectors.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A Jira issue as actions and the trigger return it. */
@Schema(description = "A Jira issue")
record JiraIssue(
        @Schema(description = "Its key, e.g. ABC-123") String key,

        @Schema(description = "Its numeric id") String id,

        @Schema(description = "Summary (title)") @Nullable String summary,

        @Schema(description = "Status name") @Nullable String status,

        @Schema(description = "Issue type name") @Nullable String issueType,

        @Schema(description = "Project key") @Nullable String project,

        @Schema(description = "The assignee's display name") @Nullable
        String assignee,

        @Schema(description = "Description as plain text") @Nullable
        String description,

        @Schema(description = "Last updated, as Jira says it (e.g. 2026-11-20T10:00:00.000+0000)") @Nullable
        String updated,

        @Schema(description = "The issue's page", format = "uri")
        String url,

        @Schema(description = "The fields as Jira sent them")
        JsonNode fields) {

    /** The fields asked for unless the caller names others. */
    static final String FIELDS = "summary,status,issuetype,project,assignee,description,updated";

    static JiraIssue of(JsonNode issue, String site) {
        JsonNode f = issue.path("fields");
        String key = issue.path("key").asString("");
        return new JiraIssue(
                key,
                issue.path("id").asString(""),
                text(f, "summary"),
                text(f.path("status"), "name"),
                text(f.path("issuetype"), "name"),
                text(f.path("project"), "key"),
                text(f.path("assignee"), "displayName"),
                Adf.toText(f.get("description")),
                text(f, "updated"),
                site + "/browse/" + key,
                f);
    }
}
