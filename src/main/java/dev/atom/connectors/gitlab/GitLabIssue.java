package dev.atom.connectors.gitlab;

import static dev.atom.connectors.gitlab.GitLabApi.text;

import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A GitLab issue as actions return it. */
@Schema(description = "A GitLab issue")
record GitLabIssue(
        @Schema(description = "The issue's number in its project (iid), as in #12")
        long iid,

        @Schema(description = "The issue's id across the instance")
        long id,

        @Schema(description = "The project's numeric id") long projectId,

        @Schema(description = "Title") String title,

        @Schema(description = "Description (Markdown)") @Nullable
        String description,

        @Schema(description = "opened or closed") String state,

        @Schema(description = "Label names") List<String> labels,

        @Schema(description = "Usernames of the assignees") List<String> assignees,

        @Schema(description = "Username of who opened it") @Nullable
        String author,

        @Schema(description = "Due date", format = "date") @Nullable
        String dueDate,

        @Schema(description = "The issue's page", format = "uri") @Nullable
        String webUrl,

        @Schema(description = "Last change", format = "date-time") @Nullable
        String updatedAt) {

    static GitLabIssue of(JsonNode n) {
        return new GitLabIssue(
                n.path("iid").asLong(),
                n.path("id").asLong(),
                n.path("project_id").asLong(),
                n.path("title").asString(""),
                text(n.get("description")),
                n.path("state").asString(""),
                strings(n.path("labels"), null),
                strings(n.path("assignees"), "username"),
                text(n.path("author").get("username")),
                text(n.get("due_date")),
                text(n.get("web_url")),
                text(n.get("updated_at")));
    }

    /** The strings of an array, or the {@code field} of each of its objects. */
    static List<String> strings(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            String s = field == null ? text(n) : text(n.get(field));
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
