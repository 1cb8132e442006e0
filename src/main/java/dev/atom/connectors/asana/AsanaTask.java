package dev.atom.connectors.asana;

import static dev.atom.connectors.asana.AsanaApi.text;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An Asana task as actions return it, and the id checks every action shares. */
@Schema(description = "An Asana task")
record AsanaTask(
        @Schema(description = "The task's id (gid)") String gid,

        @Schema(description = "Its name") String name,

        @Schema(description = "Whether it is done") boolean completed,

        @Schema(description = "The assignee's user id") @Nullable
        String assignee,

        @Schema(description = "Due date", format = "date") @Nullable
        String dueOn,

        @Schema(description = "Description (plain text)") @Nullable
        String notes,

        @Schema(description = "The task's page in Asana", format = "uri") @Nullable
        String url,

        @Schema(description = "Last modified", format = "date-time") @Nullable
        String modifiedAt,

        @Schema(description = "The task as Asana sent it, with any extra fields asked for in optFields")
        JsonNode raw) {

    /** The fields asked for unless the caller adds more. */
    static final String FIELDS = "name,completed,assignee,due_on,notes,permalink_url,modified_at";

    static AsanaTask of(JsonNode t) {
        return new AsanaTask(
                t.path("gid").asString(),
                t.path("name").asString(""),
                t.path("completed").asBoolean(false),
                text(t.path("assignee"), "gid"),
                text(t, "due_on"),
                text(t, "notes"),
                text(t, "permalink_url"),
                text(t, "modified_at"),
                t);
    }

    /** An Asana id: digits only (it goes into a URL path). */
    static String gid(String value, String field) {
        if (value == null || !value.strip().matches("[0-9]{1,40}")) {
            throw new ConnectorException.InvalidInput(field, "must be an Asana id (digits, e.g. 1204567890123456)");
        }
        return value.strip();
    }

    /** An optional id: null stays null; "me" is allowed where Asana takes a user. */
    static String userOrNull(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip().equals("me") ? "me" : gid(value, field);
    }
}
