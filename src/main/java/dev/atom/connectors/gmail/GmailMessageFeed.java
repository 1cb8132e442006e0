package dev.atom.connectors.gmail;

import static dev.atom.connectors.google.GoogleApi.enc;
import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedMessage;
import dev.atom.connectors.google.GoogleApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code gmail.messages}: the mail in the inbox (and the mail the person sent, which teaches triage whom they
 * write to) within the window. The first sync notes the mailbox's historyId (users.getProfile), then lists the
 * window's messages (users.messages.list, {@code after:}) a page per fetch, reading each in full; afterwards it
 * follows users.history.list from that historyId. A message added or relabelled is read again (read state,
 * INBOX added back); one deleted, trashed, marked spam or archived (INBOX removed, not sent by the person)
 * leaves the local copy. Gmail's 404 for a historyId it no longer keeps asks the engine for a full resync.
 * The cursor (JSON) holds the historyId, the account's address and, mid-way, Gmail's page token. Stateless.
 */
final class GmailMessageFeed implements SyncFeed {
    static final String ID = "gmail.messages";
    /** A message larger than this is copied without its body (format=metadata), with the reason. */
    static final int MAX_MESSAGE_BYTES = 12 << 20;

    private static final Set<String> GONE = Set.of("TRASH", "SPAM", "DRAFT");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedMessage.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        ObjectNode cursor;
        if (request.cursor() == null) {
            JsonNode profile = GoogleApi.get(context, GmailConnector.users(context) + "/profile", null);
            cursor = GoogleApi.JSON.createObjectNode();
            cursor.put("historyId", text(profile, "historyId"));
            cursor.put("account", text(profile, "emailAddress"));
            cursor.put("listing", true);
        } else {
            cursor = parse(request.cursor());
            if (cursor == null) {
                return SyncPage.cursorExpired(); // a cursor of another version: start again
            }
        }
        int pageSize = Math.clamp(request.pageSize(), 1, 500);
        return cursor.path("listing").asBoolean(false)
                ? listing(context, request, cursor, pageSize)
                : history(context, cursor, pageSize);
    }

    /** One page of the first sync: the window's messages, each read in full. */
    private static SyncPage listing(ActionContext context, SyncRequest request, ObjectNode cursor, int pageSize) {
        String q = "{in:inbox in:sent}"
                + (request.windowStart() == null
                        ? ""
                        : " after:" + request.windowStart().getEpochSecond());
        String page = text(cursor, "page");
        var response = GoogleApi.send(
                context,
                "GET",
                GmailConnector.users(context) + "/messages" + query("q", q, "maxResults", pageSize, "pageToken", page),
                null,
                null,
                8 << 20);
        if (page != null && (response.status() == 400 || response.status() == 404)) {
            return SyncPage.cursorExpired(); // Gmail no longer takes the listing's page token: list again
        }
        GoogleApi.raise(context, response, null);
        JsonNode list = GoogleApi.parse(response);
        String account = text(cursor, "account");
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode m : list.path("messages")) {
            changes.add(read(context, text(m, "id"), account));
        }
        String next = text(list, "nextPageToken");
        if (next != null) {
            cursor.put("page", next);
            return SyncPage.more(changes, cursor.toString());
        }
        cursor.remove("page");
        cursor.remove("listing");
        return SyncPage.done(changes, cursor.toString());
    }

    /** One page of history since the stored historyId: what was added, deleted or relabelled. */
    private static SyncPage history(ActionContext context, ObjectNode cursor, int pageSize) {
        String url = GmailConnector.users(context) + "/history"
                + query(
                        "startHistoryId",
                        text(cursor, "historyId"),
                        "maxResults",
                        pageSize,
                        "pageToken",
                        text(cursor, "page"));
        var response = GoogleApi.send(context, "GET", url, null, null, 8 << 20);
        if (response.status() == 404) {
            return SyncPage.cursorExpired(); // the historyId is older than Gmail keeps (about a week)
        }
        GoogleApi.raise(context, response, null);
        JsonNode body = GoogleApi.parse(response);
        Set<String> touched = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (JsonNode h : body.path("history")) {
            for (String kind : List.of("messagesAdded", "labelsAdded", "labelsRemoved")) {
                for (JsonNode change : h.path(kind)) {
                    String id = text(change.path("message"), "id");
                    if (id != null && !deleted.contains(id)) {
                        touched.add(id);
                    }
                }
            }
            for (JsonNode change : h.path("messagesDeleted")) {
                String id = text(change.path("message"), "id");
                if (id != null) {
                    deleted.add(id);
                    touched.remove(id);
                }
            }
        }
        List<SyncChange> changes = new ArrayList<>();
        String account = text(cursor, "account");
        touched.forEach(id -> changes.add(read(context, id, account)));
        deleted.forEach(id -> changes.add(new SyncChange.Removed(id)));
        String next = text(body, "nextPageToken");
        if (next != null) {
            cursor.put("page", next); // same startHistoryId, next page
            return SyncPage.more(changes, cursor.toString());
        }
        cursor.remove("page");
        if (text(body, "historyId") != null) {
            cursor.put("historyId", text(body, "historyId"));
        }
        return SyncPage.done(changes, cursor.toString());
    }

    /**
     * A message as it is now: an upsert while it is in the inbox or was sent by the person, else (archived,
     * trashed, deleted meanwhile) a removal.
     */
    private static SyncChange read(ActionContext context, String id, String account) {
        String url = GmailConnector.users(context) + "/messages/" + enc(id);
        var response = GoogleApi.send(context, "GET", url + "?format=full", null, null, MAX_MESSAGE_BYTES);
        if (response.status() == 404) {
            return new SyncChange.Removed(id);
        }
        GoogleApi.raise(context, response, null);
        JsonNode m;
        String problem = null;
        if (response.truncated()) {
            m = GoogleApi.get(context, url + "?format=metadata", null);
            problem = "the message is larger than " + (MAX_MESSAGE_BYTES >> 20) + " MB; its body was not copied";
        } else {
            m = GoogleApi.parse(response);
        }
        List<String> labels = GoogleApi.strings(m, "labelIds");
        boolean kept = (labels.contains("INBOX") || labels.contains("SENT"))
                && labels.stream().noneMatch(GONE::contains);
        if (!kept) {
            return new SyncChange.Removed(id);
        }
        return new SyncChange.Upsert(GmailSyncedMessages.of(m, account, problem));
    }

    /** The stored cursor, or null when it is not one of this feed's. */
    private static ObjectNode parse(String cursor) {
        try {
            return GoogleApi.JSON.readTree(cursor) instanceof ObjectNode o && o.hasNonNull("historyId") ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
