package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.enc;
import static dev.atom.connectors.outlook.Graph.strings;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code outlook.move_mail}, {@code outlook.flag_mail} and {@code outlook.categorize_mail}. All are repeatable:
 * with immutable ids a moved message keeps its id, so a retried move finds it in place. Stateless.
 */
final class OutlookMailChanges {
    private OutlookMailChanges() {}

    record MoveInput(
            @Schema(description = "The message id") String messageId,

            @Schema(
                    description =
                            "The folder: a well-known name (inbox, archive, deleteditems, junkemail, drafts, sentitems) or a folder id",
                    examples = "\"archive\"")
            String destination) {}

    record Moved(
            @Schema(description = "The message id (unchanged by the move)")
            String id,

            @Schema(description = "The id of the folder it is in now") @Nullable
            String parentFolderId) {}

    enum FlagStatus {
        notFlagged,
        flagged,
        complete
    }

    @Schema(description = "Flag a message for follow-up, or mark it read; give at least one")
    record FlagInput(
            @Schema(description = "The message id") String messageId,

            @Schema(description = "flagged (follow up), complete or notFlagged") @Nullable
            FlagStatus flagStatus,

            @Schema(description = "Mark it read (true) or unread (false)") @Nullable
            Boolean isRead) {}

    record CategorizeInput(
            @Schema(description = "The message id") String messageId,

            @Schema(
                    description =
                            "The categories the message should have (replaces its list; an empty list clears it), e.g. Red category")
            List<String> categories) {}

    record MessageState(
            @Schema(description = "The message id") String id,

            @Schema(description = "notFlagged, flagged or complete") @Nullable
            String flagStatus,

            @Schema(description = "Whether it has been read")
            boolean isRead,

            @Schema(description = "Its categories") List<String> categories) {}

    static final LambdaAction<MoveInput, Moved> MOVE = BaseAction.write(
            "outlook.move_mail",
            "Move a message",
            "Moves a message to another folder (archive, deleteditems, a folder id...).",
            MoveInput.class,
            Moved.class,
            Idempotency.NATURAL,
            OutlookMailChanges::move);

    static final LambdaAction<FlagInput, MessageState> FLAG = BaseAction.write(
            "outlook.flag_mail",
            "Flag a message",
            "Flags a message for follow-up, marks it complete or unflags it, and/or marks it read or unread.",
            FlagInput.class,
            MessageState.class,
            Idempotency.NATURAL,
            OutlookMailChanges::flag);

    static final LambdaAction<CategorizeInput, MessageState> CATEGORIZE = BaseAction.write(
            "outlook.categorize_mail",
            "Categorize a message",
            "Sets a message's categories (the colored labels of Outlook); the list given replaces the old one.",
            CategorizeInput.class,
            MessageState.class,
            Idempotency.NATURAL,
            (context, in) -> patch(context, in.messageId(), Map.of("categories", in.categories()), "categories"));

    @Schema(description = "An answer to a message, sent in its conversation")
    record ReplyInput(
            @Schema(description = "The message id") String messageId,

            @Schema(description = "The text of the answer (quoted original below it, as Outlook does)")
            String comment,

            @Schema(description = "Answer everyone it went to, not only the sender") @Nullable
            Boolean replyAll) {}

    record Replied(
            @Schema(description = "The message answered") String messageId) {}

    static final LambdaAction<ReplyInput, Replied> REPLY = BaseAction.write(
                    "outlook.reply_mail",
                    "Reply to a message",
                    "Answers a message in its conversation (Graph reply / replyAll): the right recipients, subject and thread.",
                    ReplyInput.class,
                    Replied.class,
                    Idempotency.NONE,
                    OutlookMailChanges::reply)
            .reachingPeople();

    private static Replied reply(ActionContext context, ReplyInput in) {
        if (in.comment() == null || in.comment().isBlank()) {
            throw new ConnectorException.InvalidInput("comment", "must not be empty");
        }
        String url = message(context, in.messageId()) + (Boolean.TRUE.equals(in.replyAll()) ? "/replyAll" : "/reply");
        var response = Graph.send(context, "POST", url, Map.of("comment", in.comment()));
        Graph.raise(context, response, "messageId", "comment");
        return new Replied(in.messageId());
    }

    private static Moved move(ActionContext context, MoveInput in) {
        if (in.destination().isBlank()) {
            throw new ConnectorException.InvalidInput("destination", "give a folder name or id");
        }
        JsonNode moved = Graph.call(
                context,
                "POST",
                message(context, in.messageId()) + "/move",
                Map.of("destinationId", in.destination()),
                "messageId or destination",
                "destination");
        return new Moved(text(moved, "id"), text(moved, "parentFolderId"));
    }

    private static MessageState flag(ActionContext context, FlagInput in) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (in.flagStatus() != null) {
            body.put("flag", Map.of("flagStatus", in.flagStatus().name()));
        }
        if (in.isRead() != null) {
            body.put("isRead", in.isRead());
        }
        if (body.isEmpty()) {
            throw new ConnectorException.InvalidInput("flagStatus", "give flagStatus, isRead or both");
        }
        return patch(context, in.messageId(), body, "flagStatus");
    }

    private static MessageState patch(ActionContext context, String messageId, Map<String, ?> body, String field) {
        JsonNode m = Graph.call(context, "PATCH", message(context, messageId), body, "messageId", field);
        return new MessageState(
                text(m, "id"),
                text(m.path("flag"), "flagStatus"),
                m.path("isRead").asBoolean(false),
                strings(m, "categories"));
    }

    private static String message(ActionContext context, String messageId) {
        return context.baseUrl() + "/me/messages/" + enc(messageId);
    }
}
