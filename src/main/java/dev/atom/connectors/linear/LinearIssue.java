package dev.atom.connectors.linear;

import static dev.atom.connectors.linear.LinearApi.text;

import dev.atom.connectors.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A Linear issue as actions return it; {@link #FIELDS} is what every query selects for it. */
@Schema(description = "A Linear issue")
record LinearIssue(
        @Schema(description = "The issue's id (a UUID)") String id,

        @Schema(description = "Its key, as in ENG-123") String identifier,

        @Schema(description = "Title") String title,

        @Schema(description = "Description (Markdown)") @Nullable
        String description,

        @Schema(description = "Priority: 0 none, 1 urgent, 2 high, 3 medium, 4 low")
        int priority,

        @Schema(description = "The workflow state's name (Todo, In Progress, Done...)") @Nullable
        String state,

        @Schema(description = "The state's type: triage, backlog, unstarted, started, completed or canceled") @Nullable
        String stateType,

        @Schema(description = "The team's key (ENG)") @Nullable
        String team,

        @Schema(description = "The assignee's name") @Nullable
        String assignee,

        @Schema(description = "The assignee's id") @Nullable String assigneeId,

        @Schema(description = "Due date", format = "date") @Nullable
        String dueDate,

        @Schema(description = "The issue's page", format = "uri") @Nullable
        String url,

        @Schema(description = "Last change", format = "date-time") @Nullable
        String updatedAt) {

    static final String FIELDS = "id identifier title description priority dueDate url updatedAt "
            + "state { id name type } team { id key name } assignee { id name }";

    static LinearIssue of(JsonNode n) {
        return new LinearIssue(
                n.path("id").asString(""),
                n.path("identifier").asString(""),
                n.path("title").asString(""),
                text(n.get("description")),
                n.path("priority").asInt(0),
                text(n.path("state").get("name")),
                text(n.path("state").get("type")),
                text(n.path("team").get("key")),
                text(n.path("assignee").get("name")),
                text(n.path("assignee").get("id")),
                text(n.get("dueDate")),
                text(n.get("url")),
                text(n.get("updatedAt")));
    }
}
