package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.MessageText;
import dev.atom.connectors.SyncedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A Graph message as a {@link SyncedMessage}: recipients as "Name &lt;address&gt;", the conversation as the
 * thread, categories (and "flagged") as labels, the body as safe text ({@link MessageText}: HTML through jsoup,
 * nothing remote loaded). Stateless.
 */
final class OutlookSyncedMessages {
    private OutlookSyncedMessages() {}

    /** {@code body} is Graph's {@code {contentType, content}} (null when it was not read: {@code problem} says why). */
    static SyncedMessage of(JsonNode m, JsonNode body, String account, String folder, String problem) {
        String text = null;
        if (body != null) {
            String content = text(body, "content");
            MessageText.Body b = "html".equalsIgnoreCase(text(body, "contentType"))
                    ? MessageText.of(null, content)
                    : MessageText.of(content, null);
            text = b.text();
            problem = b.problem();
        }
        JsonNode from = m.path("from").path("emailAddress");
        String fromAddress = text(from, "address");
        String me = account == null ? "" : account;
        List<String> to = Graph.recipients(m, "toRecipients");
        List<String> labels = new ArrayList<>(Graph.strings(m, "categories"));
        if ("flagged".equals(text(m.path("flag"), "flagStatus"))) {
            labels.add("flagged");
        }
        String preview = text(m, "bodyPreview");
        return new SyncedMessage(
                text(m, "id"),
                "email",
                text(m, "conversationId"),
                folder,
                fromAddress,
                text(from, "name"),
                to,
                Graph.recipients(m, "ccRecipients"),
                text(m, "subject"),
                MessageText.snippet(preview != null ? preview : text, 200),
                text,
                received(text(m, "receivedDateTime")),
                !m.path("isRead").asBoolean(false),
                "sentitems".equals(folder) || (fromAddress != null && fromAddress.equalsIgnoreCase(me)),
                m.path("toRecipients")
                        .valueStream()
                        .map(r -> text(r.path("emailAddress"), "address"))
                        .anyMatch(me::equalsIgnoreCase),
                false,
                labels,
                text(m, "internetMessageId"),
                text(m, "webLink"),
                Graph.recipients(m, "replyTo"),
                null,
                problem);
    }

    private static Instant received(String iso) {
        Instant at = NewMailTrigger.instant(iso);
        return at == null ? Instant.EPOCH : at;
    }
}
