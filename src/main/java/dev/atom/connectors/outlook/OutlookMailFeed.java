package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.enc;
import static dev.atom.connectors.outlook.Graph.query;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedMessage;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code outlook.messages}: the inbox by a delta query on its messages ({@code /me/mailFolders/inbox/messages/delta},
 * the first round filtered to the window by receivedDateTime); {@code outlook.sent} the same of Sent Items, which
 * the inbox does not list but keeps for threads and for triage (whom the person writes to). The delta pages carry the messages' headers and
 * read state; each new or changed message's body is then read on its own ({@code /me/messages/{id}?$select=body},
 * capped, so one huge message cannot stall the page). {@code @removed} (deleted, or moved out of the inbox) removes
 * the local copy; Graph's 410 or syncStateNotFound ask the engine for a full resync. The cursor (JSON) holds the
 * nextLink or deltaLink and the mailbox's address. One page per fetch. Stateless.
 */
final class OutlookMailFeed implements SyncFeed {
    static final String ID = "outlook.messages";
    static final String SENT_ID = "outlook.sent";
    static final String FIELDS = "id,subject,from,toRecipients,ccRecipients,replyTo,receivedDateTime,isRead,isDraft,"
            + "categories,flag,conversationId,internetMessageId,webLink,bodyPreview";
    /** A body larger than this is not copied; the message is, with the reason. */
    static final int MAX_BODY_BYTES = 4 << 20;

    private final String id;
    private final String folder;

    /** {@code folder} is a well-known folder name: inbox, or sentitems (what the person wrote teaches triage). */
    OutlookMailFeed(String id, String folder) {
        this.id = id;
        this.folder = folder;
    }

    static OutlookMailFeed inbox() {
        return new OutlookMailFeed(ID, "inbox");
    }

    static OutlookMailFeed sent() {
        return new OutlookMailFeed(SENT_ID, "sentitems");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedMessage.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        ObjectNode cursor = parse(request.cursor());
        String url;
        if (cursor == null) {
            if (request.cursor() != null) {
                return SyncPage.cursorExpired(); // not this feed's cursor: start again
            }
            JsonNode me = Graph.get(context, OutlookConnector.me(context), null);
            cursor = Graph.JSON.createObjectNode();
            cursor.put("account", text(me, "mail") != null ? text(me, "mail") : text(me, "userPrincipalName"));
            url = context.baseUrl() + "/me/mailFolders/" + folder + "/messages/delta"
                    + query(
                            "$select",
                            FIELDS,
                            "$filter",
                            request.windowStart() == null
                                    ? null
                                    : "receivedDateTime ge "
                                            + request.windowStart().toString());
        } else {
            url = Graph.ownLink(context, text(cursor, "link"), "cursor");
        }
        var response =
                Graph.send(context, "GET", url, null, "odata.maxpagesize=" + Math.clamp(request.pageSize(), 1, 200));
        if (Graph.lostSyncState(response)) {
            return SyncPage.cursorExpired();
        }
        Graph.raise(context, response, null, null);
        JsonNode body = Graph.parse(response);
        String account = text(cursor, "account");
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode m : body.path("value")) {
            String id = text(m, "id");
            if (id == null) {
                continue;
            }
            if (m.has("@removed") || m.path("isDraft").asBoolean(false)) {
                changes.add(new SyncChange.Removed(id));
            } else {
                changes.add(withBody(context, m, account, folder));
            }
        }
        String next = text(body, "@odata.nextLink");
        String delta = text(body, "@odata.deltaLink");
        if (next == null && delta == null) {
            throw new ConnectorException.Retriable(
                    response.status(), "Microsoft Graph answered a delta query without a next or delta link", null);
        }
        cursor.put("link", Graph.ownLink(context, next != null ? next : delta, "cursor"));
        return next != null ? SyncPage.more(changes, cursor.toString()) : SyncPage.done(changes, cursor.toString());
    }

    /** The message with its body read apart; gone meanwhile (404) is a removal. */
    private static SyncChange withBody(ActionContext context, JsonNode m, String account, String folder) {
        String id = text(m, "id");
        var response = Graph.send(
                context,
                "GET",
                context.baseUrl() + "/me/messages/" + enc(id) + query("$select", "body"),
                null,
                MAX_BODY_BYTES);
        if (response.status() == 404) {
            return new SyncChange.Removed(id);
        }
        Graph.raise(context, response, null, null);
        if (response.truncated()) {
            String problem = "the body is larger than " + (MAX_BODY_BYTES >> 20) + " MB and was not copied";
            return new SyncChange.Upsert(OutlookSyncedMessages.of(m, null, account, folder, problem));
        }
        return new SyncChange.Upsert(
                OutlookSyncedMessages.of(m, Graph.parse(response).path("body"), account, folder, null));
    }

    /** The stored cursor, or null when there is none or it is not one of this feed's. */
    private static ObjectNode parse(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return Graph.JSON.readTree(cursor) instanceof ObjectNode o && o.hasNonNull("link") ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
