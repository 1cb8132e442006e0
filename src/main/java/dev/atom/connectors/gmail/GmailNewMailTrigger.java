package dev.atom.connectors.gmail;

import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.strings;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.google.GoogleApi;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code gmail.new_mail}: messages added to the mailbox since the stored history id (users.history.list,
 * historyTypes=messageAdded). The first poll only records the current history id (users.getProfile). Gmail
 * forgets history after about a week: a 404 for a too-old id resets the cursor to now and logs that mail in
 * between was not seen. Drafts and mail the user sent are not new mail. Stateless.
 */
final class GmailNewMailTrigger implements PollingTrigger {
    private static final Logger log = LoggerFactory.getLogger(GmailNewMailTrigger.class);
    static final int MAX_PAGES = 10;

    @Schema(description = "A message that arrived")
    record NewMail(
            @Schema(description = "The message id (read it with gmail.read)")
            String messageId,

            @Schema(description = "Its thread id") String threadId,

            @Schema(description = "Its labels when it arrived")
            List<String> labelIds,

            @Schema(description = "The history id of the change")
            String historyId) {}

    @Override
    public String id() {
        return "gmail.new_mail";
    }

    @Override
    public String name() {
        return "New e-mail";
    }

    @Override
    public String description() {
        return "Starts when a message arrives in the mailbox (not drafts or mail you sent).";
    }

    @Override
    public Class<NewMail> eventType() {
        return NewMail.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        if (cursor == null) {
            return new Poll(List.of(), currentHistoryId(context));
        }
        String base = GmailConnector.users(context) + "/history";
        List<TriggerEvent> events = new ArrayList<>();
        String pageToken = null;
        String next = cursor;
        for (int page = 0; page < MAX_PAGES; page++) {
            String url = base
                    + query(
                            "startHistoryId",
                            cursor,
                            "historyTypes",
                            "messageAdded",
                            "maxResults",
                            500,
                            "pageToken",
                            pageToken);
            var response = GoogleApi.send(context, "GET", url, null, null, 8 << 20);
            if (response.status() == 404) {
                String now = currentHistoryId(context);
                log.warn(
                        "gmail history id {} of connection {} is too old; the cursor restarts at {} and mail"
                                + " that arrived in between does not start workflows",
                        cursor,
                        context.connection().id(),
                        now);
                return new Poll(List.of(), now);
            }
            GoogleApi.raise(context, response, null);
            JsonNode body = GoogleApi.parse(response);
            for (JsonNode h : body.path("history")) {
                for (JsonNode added : h.path("messagesAdded")) {
                    JsonNode m = added.path("message");
                    List<String> labels = strings(m, "labelIds");
                    if (labels.contains("DRAFT") || (labels.contains("SENT") && !labels.contains("INBOX"))) {
                        continue;
                    }
                    var mail = new NewMail(text(m, "id"), text(m, "threadId"), labels, text(h, "id"));
                    events.add(new TriggerEvent(mail.messageId(), null, GoogleApi.JSON.valueToTree(mail)));
                }
            }
            if (text(body, "historyId") != null) {
                next = text(body, "historyId");
            }
            pageToken = text(body, "nextPageToken");
            if (pageToken == null) {
                break;
            }
        }
        return new Poll(events, next);
    }

    private static String currentHistoryId(ActionContext context) {
        return text(GoogleApi.get(context, GmailConnector.users(context) + "/profile", null), "historyId");
    }
}
