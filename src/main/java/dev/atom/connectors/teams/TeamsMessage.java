package dev.atom.connectors.teams;

import dev.atom.connectors.MessageText;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A Teams channel or chat message as the actions report it (HTML bodies as plain text). */
@Schema(description = "A Teams message")
record TeamsMessage(
        @Schema(description = "Message id") String id,

        @Schema(description = "Who wrote it") @Nullable String from,

        @Schema(description = "The writer's user id") @Nullable
        String fromUserId,

        @Schema(description = "When it was sent", format = "date-time") @Nullable
        String createdAt,

        @Schema(description = "The text (HTML converted)") @Nullable
        String text,

        @Schema(description = "A channel post's subject") @Nullable
        String subject,

        @Schema(description = "For a reply: the message it answers") @Nullable
        String replyToId,

        @Schema(description = "Opens it in Teams", format = "uri") @Nullable
        String webUrl) {

    static TeamsMessage of(JsonNode m) {
        JsonNode user = m.path("from").path("user");
        return new TeamsMessage(
                m.path("id").asString(),
                MicrosoftGraph.text(user, "displayName") != null
                        ? MicrosoftGraph.text(user, "displayName")
                        : MicrosoftGraph.text(m.path("from").path("application"), "displayName"),
                MicrosoftGraph.text(user, "id"),
                MicrosoftGraph.text(m, "createdDateTime"),
                body(m),
                MicrosoftGraph.text(m, "subject"),
                MicrosoftGraph.text(m, "replyToId"),
                MicrosoftGraph.text(m, "webUrl"));
    }

    static String body(JsonNode m) {
        JsonNode body = m.path("body");
        String content = MicrosoftGraph.text(body, "content");
        if (content == null) {
            return null;
        }
        return "html".equalsIgnoreCase(body.path("contentType").asString(""))
                ? MessageText.htmlToText(content)
                : content;
    }
}
