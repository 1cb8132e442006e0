package dev.atom.connectors.gmail;

import static dev.atom.connectors.google.GoogleApi.enc;
import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.strings;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Searching, reading and labelling messages. Stateless. */
final class GmailMessages {
    static final int MAX_SEARCH = 50;

    private GmailMessages() {}

    @Schema(description = "A Gmail search")
    record SearchInput(
            @Schema(
                    description = "Gmail search query, as typed in Gmail's search box",
                    examples = "\"from:ann@example.com is:unread newer_than:2d\"")
            @Nullable
            String q,

            @Schema(description = "How many messages at most (1-50, default 10)", minimum = 1, maximum = MAX_SEARCH)
            @Nullable
            Integer maxResults,

            @Schema(description = "The nextPageToken of a previous search, for the next page") @Nullable
            String pageToken) {}

    @Schema(description = "A message found by a search")
    record Found(
            @Schema(description = "The message id") String id,

            @Schema(description = "The conversation (thread) id")
            String threadId,

            @Schema(description = "A short part of the message text") @Nullable
            String snippet,

            @Schema(description = "The Subject header") @Nullable
            String subject,

            @Schema(description = "The From header") @Nullable
            String from,

            @Schema(description = "The Date header") @Nullable
            String date) {}

    record SearchOutput(
            @Schema(description = "The messages found, newest first")
            List<Found> messages,

            @Schema(description = "Pass as pageToken for more results; absent on the last page") @Nullable
            String nextPageToken,

            @Schema(description = "Gmail's estimate of the total number of results")
            long resultSizeEstimate) {}

    @Schema(description = "Which message")
    record MessageRef(
            @Schema(description = "The message id (from a search or a trigger)")
            String messageId) {}

    record LabelInput(
            @Schema(description = "The message id") String messageId,

            @Schema(
                    description =
                            "Label ids: system ones (INBOX, UNREAD, STARRED, IMPORTANT, SPAM) or a user label's id")
            List<String> labelIds) {}

    record LabelOutput(
            @Schema(description = "The message id") String id,

            @Schema(description = "The message's labels after the change")
            List<String> labelIds) {}

    static final LambdaAction<SearchInput, SearchOutput> SEARCH = BaseAction.read(
            "gmail.search",
            "Search mail",
            "Finds messages with a Gmail search query and returns their ids, subjects, senders and snippets.",
            SearchInput.class,
            SearchOutput.class,
            GmailMessages::search);

    static final LambdaAction<MessageRef, GmailMessage> READ = BaseAction.read(
            "gmail.read",
            "Read a message",
            "Reads one message: headers, plain-text and HTML bodies, and the attachments' names and sizes.",
            MessageRef.class,
            GmailMessage.class,
            (context, in) -> GmailMessage.of(GoogleApi.get(
                    context,
                    GmailConnector.users(context) + "/messages/" + enc(in.messageId()) + "?format=full",
                    "messageId")));

    static final LambdaAction<LabelInput, LabelOutput> ADD_LABELS = BaseAction.write(
            "gmail.add_labels",
            "Add labels",
            "Adds labels to a message (STARRED, IMPORTANT, a user label's id...); adding a label twice is harmless.",
            LabelInput.class,
            LabelOutput.class,
            Idempotency.NATURAL,
            (context, in) -> modify(context, in, "addLabelIds"));

    static final LambdaAction<LabelInput, LabelOutput> REMOVE_LABELS = BaseAction.write(
            "gmail.remove_labels",
            "Remove labels",
            "Removes labels from a message (UNREAD marks it read, INBOX archives it).",
            LabelInput.class,
            LabelOutput.class,
            Idempotency.NATURAL,
            (context, in) -> modify(context, in, "removeLabelIds"));

    private static SearchOutput search(ActionContext context, SearchInput in) {
        int max = in.maxResults() == null ? 10 : Math.clamp(in.maxResults(), 1, MAX_SEARCH);
        String base = GmailConnector.users(context) + "/messages";
        JsonNode list =
                GoogleApi.get(context, base + query("q", in.q(), "maxResults", max, "pageToken", in.pageToken()), "q");
        List<Found> found = new ArrayList<>();
        // The list holds ids only: one metadata read per message brings the subject, sender and snippet.
        for (JsonNode m : list.path("messages")) {
            String id = text(m, "id");
            JsonNode meta = GoogleApi.get(
                    context,
                    base + "/" + enc(id)
                            + query("format", "metadata", "metadataHeaders", List.of("Subject", "From", "Date")),
                    null);
            Map<String, String> h = GmailMessage.headerMap(meta.path("payload").path("headers"));
            found.add(new Found(
                    id, text(m, "threadId"), text(meta, "snippet"), h.get("subject"), h.get("from"), h.get("date")));
        }
        return new SearchOutput(
                found,
                text(list, "nextPageToken"),
                list.path("resultSizeEstimate").asLong(found.size()));
    }

    private static LabelOutput modify(ActionContext context, LabelInput in, String field) {
        JsonNode m = GoogleApi.json(
                context,
                "POST",
                GmailConnector.users(context) + "/messages/" + enc(in.messageId()) + "/modify",
                Map.of(field, in.labelIds()),
                "messageId",
                "labelIds");
        return new LabelOutput(text(m, "id"), strings(m, "labelIds"));
    }
}
