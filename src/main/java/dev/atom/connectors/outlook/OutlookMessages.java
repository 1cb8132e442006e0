package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.enc;
import static dev.atom.connectors.outlook.Graph.query;
import static dev.atom.connectors.outlook.Graph.recipient;
import static dev.atom.connectors.outlook.Graph.recipients;
import static dev.atom.connectors.outlook.Graph.strings;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code outlook.search_mail} and {@code outlook.read_mail}. Stateless. */
final class OutlookMessages {
    static final int MAX_TOP = 100;
    private static final String FOUND_FIELDS =
            "id,subject,from,receivedDateTime,bodyPreview,isRead,hasAttachments,conversationId,parentFolderId";
    private static final String READ_FIELDS = "id,subject,from,toRecipients,ccRecipients,bccRecipients,replyTo,"
            + "sentDateTime,receivedDateTime,isRead,isDraft,importance,categories,flag,conversationId,"
            + "internetMessageId,parentFolderId,webLink,body,bodyPreview,internetMessageHeaders,hasAttachments";

    private OutlookMessages() {}

    @Schema(description = "A mail search: a search phrase or an OData filter, not both")
    record SearchInput(
            @Schema(
                    description = "Search phrase in Outlook's search syntax (KQL), e.g. from:ann subject:invoice",
                    examples = "\"from:ann@example.com subject:invoice\"")
            @Nullable
            String query,

            @Schema(
                    description = "OData filter instead of a search phrase",
                    examples = "\"isRead eq false and importance eq 'high'\"")
            @Nullable
            String filter,

            @Schema(
                    description =
                            "Only this folder: a well-known name (inbox, archive, sentitems, drafts, deleteditems, junkemail) or a folder id; default all mail")
            @Nullable
            String folder,

            @Schema(description = "How many messages at most (1-100, default 25)", minimum = 1, maximum = MAX_TOP)
            @Nullable
            Integer top,

            @Schema(description = "The nextLink of a previous search, for the next page (the other fields are ignored)")
            @Nullable
            String nextLink) {}

    @Schema(description = "A message found by a search")
    record Found(
            @Schema(description = "The message id (stays the same when the message is moved)")
            String id,

            @Schema(description = "The subject") @Nullable String subject,

            @Schema(description = "The sender, as Name <address>") @Nullable
            String from,

            @Schema(description = "When it arrived (UTC)", format = "date-time") @Nullable
            String receivedDateTime,

            @Schema(description = "The first part of the text") @Nullable
            String bodyPreview,

            @Schema(description = "Whether it has been read")
            boolean isRead,

            @Schema(description = "Whether it has attachments")
            boolean hasAttachments,

            @Schema(description = "The conversation id") @Nullable
            String conversationId,

            @Schema(description = "The id of the folder it is in") @Nullable
            String parentFolderId) {}

    record SearchOutput(
            @Schema(description = "The messages found (newest first unless a search phrase ranks them)")
            List<Found> messages,

            @Schema(description = "Pass as nextLink for more; absent on the last page") @Nullable
            String nextLink) {}

    enum BodyFormat {
        text,
        html
    }

    @Schema(description = "Which message, and in which form its body is wanted")
    record ReadInput(
            @Schema(description = "The message id (from a search or the new-mail trigger)")
            String messageId,

            @Schema(description = "The body as text or html (default html, as it was sent)") @Nullable
            BodyFormat bodyFormat) {}

    record Header(
            @Schema(description = "Header name") String name,
            @Schema(description = "Its value") String value) {}

    record Attachment(
            @Schema(description = "The attachment id") String id,
            @Schema(description = "Its file name") @Nullable String name,

            @Schema(description = "Its media type") @Nullable
            String contentType,

            @Schema(description = "Its size in bytes") long size,

            @Schema(description = "Whether it is shown inside the body (an inline image)")
            boolean isInline) {}

    @Schema(description = "One message")
    record Message(
            @Schema(description = "The message id") String id,
            @Schema(description = "The subject") @Nullable String subject,

            @Schema(description = "The sender, as Name <address>") @Nullable
            String from,

            @Schema(description = "To recipients") List<String> to,
            @Schema(description = "Copy recipients") List<String> cc,

            @Schema(description = "Blind copy recipients (only on mail you sent)")
            List<String> bcc,

            @Schema(description = "Where replies should go") List<String> replyTo,

            @Schema(description = "When it was sent (UTC)", format = "date-time") @Nullable
            String sentDateTime,

            @Schema(description = "When it arrived (UTC)", format = "date-time") @Nullable
            String receivedDateTime,

            @Schema(description = "Whether it has been read")
            boolean isRead,

            @Schema(description = "Whether it is a draft") boolean isDraft,

            @Schema(description = "low, normal or high") @Nullable
            String importance,

            @Schema(description = "Its categories") List<String> categories,

            @Schema(description = "notFlagged, flagged or complete") @Nullable
            String flagStatus,

            @Schema(description = "The conversation id") @Nullable
            String conversationId,

            @Schema(description = "The Message-ID header") @Nullable
            String internetMessageId,

            @Schema(description = "The id of the folder it is in") @Nullable
            String parentFolderId,

            @Schema(description = "Opens it in Outlook on the web") @Nullable
            String webLink,

            @Schema(description = "The body's format: text or html") @Nullable
            String bodyContentType,

            @Schema(description = "The body") @Nullable String body,

            @Schema(description = "The first part of the text") @Nullable
            String bodyPreview,

            @Schema(description = "The Internet message headers (only on mail that came from outside)")
            List<Header> headers,

            @Schema(description = "The attachments' names, types and sizes (not their contents)")
            List<Attachment> attachments) {}

    static final LambdaAction<SearchInput, SearchOutput> SEARCH = BaseAction.read(
            "outlook.search_mail",
            "Search mail",
            "Finds messages by a search phrase or an OData filter, in all mail or one folder; returns ids,"
                    + " subjects, senders and previews.",
            SearchInput.class,
            SearchOutput.class,
            OutlookMessages::search);

    static final LambdaAction<ReadInput, Message> READ = BaseAction.read(
            "outlook.read_mail",
            "Read a message",
            "Reads one message: sender, recipients, dates, flags, the body as text or HTML, the Internet headers"
                    + " and the attachments' names and sizes.",
            ReadInput.class,
            Message.class,
            OutlookMessages::read);

    private static SearchOutput search(ActionContext context, SearchInput in) {
        String url;
        if (in.nextLink() != null) {
            url = Graph.ownLink(context, in.nextLink(), "nextLink");
        } else {
            if (in.query() != null && in.filter() != null) {
                throw new ConnectorException.InvalidInput(
                        "filter", "give a search phrase (query) or a filter, not both: Graph does not combine them");
            }
            int top = in.top() == null ? 25 : Math.clamp(in.top(), 1, MAX_TOP);
            String base = in.folder() == null
                    ? context.baseUrl() + "/me/messages"
                    : context.baseUrl() + "/me/mailFolders/" + enc(in.folder()) + "/messages";
            // Graph refuses $orderby beside $search, and beside a $filter on other properties.
            boolean ordered = in.query() == null && in.filter() == null;
            url = base
                    + query(
                            "$search",
                            in.query() == null ? null : quoted(in.query()),
                            "$filter",
                            in.filter(),
                            "$top",
                            top,
                            "$select",
                            FOUND_FIELDS,
                            "$orderby",
                            ordered ? "receivedDateTime desc" : null);
        }
        String field = in.filter() != null ? "filter" : in.query() != null ? "query" : "folder";
        JsonNode page = Graph.call(context, "GET", url, null, in.folder() != null ? "folder" : field, field);
        List<Found> found = new ArrayList<>();
        for (JsonNode m : page.path("value")) {
            found.add(new Found(
                    text(m, "id"),
                    text(m, "subject"),
                    m.hasNonNull("from") ? recipient(m.get("from")) : null,
                    text(m, "receivedDateTime"),
                    text(m, "bodyPreview"),
                    m.path("isRead").asBoolean(false),
                    m.path("hasAttachments").asBoolean(false),
                    text(m, "conversationId"),
                    text(m, "parentFolderId")));
        }
        return new SearchOutput(found, text(page, "@odata.nextLink"));
    }

    /** $search takes a double-quoted phrase; quotes inside are escaped. */
    static String quoted(String phrase) {
        String p = phrase.strip();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            return p;
        }
        return "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Message read(ActionContext context, ReadInput in) {
        String url = context.baseUrl() + "/me/messages/" + enc(in.messageId())
                + query("$select", READ_FIELDS, "$expand", "attachments($select=id,name,contentType,size,isInline)");
        String format = in.bodyFormat() == null ? "html" : in.bodyFormat().name();
        JsonNode m = Graph.get(context, url, "messageId", "outlook.body-content-type=\"" + format + "\"");
        List<Header> headers = new ArrayList<>();
        m.path("internetMessageHeaders").forEach(h -> headers.add(new Header(text(h, "name"), text(h, "value"))));
        List<Attachment> attachments = new ArrayList<>();
        m.path("attachments")
                .forEach(a -> attachments.add(new Attachment(
                        text(a, "id"),
                        text(a, "name"),
                        text(a, "contentType"),
                        a.path("size").asLong(0),
                        a.path("isInline").asBoolean(false))));
        return new Message(
                text(m, "id"),
                text(m, "subject"),
                m.hasNonNull("from") ? recipient(m.get("from")) : null,
                recipients(m, "toRecipients"),
                recipients(m, "ccRecipients"),
                recipients(m, "bccRecipients"),
                recipients(m, "replyTo"),
                text(m, "sentDateTime"),
                text(m, "receivedDateTime"),
                m.path("isRead").asBoolean(false),
                m.path("isDraft").asBoolean(false),
                text(m, "importance"),
                strings(m, "categories"),
                text(m.path("flag"), "flagStatus"),
                text(m, "conversationId"),
                text(m, "internetMessageId"),
                text(m, "parentFolderId"),
                text(m, "webLink"),
                text(m.path("body"), "contentType"),
                text(m.path("body"), "content"),
                text(m, "bodyPreview"),
                headers,
                attachments);
    }
}
