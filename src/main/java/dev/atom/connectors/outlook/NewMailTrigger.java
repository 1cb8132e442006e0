package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.query;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code outlook.new_mail}: messages that arrive in the inbox, by a delta query on the inbox's messages
 * (changeType=created), one event per message id. See {@link DeltaSync} for the cursor. Stateless.
 */
final class NewMailTrigger implements PollingTrigger {
    static final String FIELDS = "subject,from,receivedDateTime,bodyPreview,isRead,hasAttachments,conversationId";

    @Schema(description = "A message that arrived in the inbox")
    record NewMail(
            @Schema(description = "The message id (read it with outlook.read_mail)")
            String messageId,

            @Schema(description = "The subject") @Nullable String subject,

            @Schema(description = "The sender, as Name <address>") @Nullable
            String from,

            @Schema(description = "When it arrived (UTC)", format = "date-time") @Nullable
            String receivedDateTime,

            @Schema(description = "The first part of the text") @Nullable
            String bodyPreview,

            @Schema(description = "Whether it has attachments")
            boolean hasAttachments,

            @Schema(description = "The conversation id") @Nullable
            String conversationId) {}

    @Override
    public String id() {
        return "outlook.new_mail";
    }

    @Override
    public String name() {
        return "New e-mail";
    }

    @Override
    public String description() {
        return "Starts when a message arrives in the Outlook inbox.";
    }

    @Override
    public Class<NewMail> eventType() {
        return NewMail.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        String start = context.baseUrl() + "/me/mailFolders/inbox/messages/delta"
                + query("changeType", "created", "$select", FIELDS);
        return DeltaSync.poll(context, id(), cursor, start, NewMailTrigger::event);
    }

    private static TriggerEvent event(JsonNode m) {
        if (m.has("@removed") || text(m, "id") == null) {
            return null;
        }
        var mail = new NewMail(
                text(m, "id"),
                text(m, "subject"),
                m.hasNonNull("from") ? Graph.recipient(m.get("from")) : null,
                text(m, "receivedDateTime"),
                text(m, "bodyPreview"),
                m.path("hasAttachments").asBoolean(false),
                text(m, "conversationId"));
        return new TriggerEvent(mail.messageId(), instant(mail.receivedDateTime()), Graph.JSON.valueToTree(mail));
    }

    static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
