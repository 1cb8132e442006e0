package dev.atom.connectors.googledrive;

import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedFile;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.google.GoogleApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code google-drive.files}: the user's Drive, file by file. The first sync takes the changes API's {@code
 * startPageToken} first (so nothing that changes meanwhile is missed), then lists every file not in the trash
 * with {@code files.list}; afterwards {@code changes.list} from that token reports changes (a removed or trashed
 * file is removed here) and ends with {@code newStartPageToken}. A page token Drive no longer knows (404, 410)
 * means the cursor expired. Google Docs bring their text exported as text/plain, small text files their content.
 * Cursors: {@code list:<startPageToken>:<files.list page token>} during the listing, then {@code
 * changes:<pageToken>}. Stateless.
 */
final class DriveFileFeed implements SyncFeed {
    static final int MAX_TEXT_BYTES = 256 * 1024;
    static final int MAX_TEXT_CHARS = 64 * 1024;
    static final String FILE_FIELDS =
            "id,name,mimeType,size,modifiedTime,webViewLink,trashed,lastModifyingUser(displayName,emailAddress)";
    private static final String LIST = "list:";
    private static final String CHANGES = "changes:";

    @Override
    public String id() {
        return "google-drive.files";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedFile.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        String cursor = request.cursor();
        if (cursor == null) {
            String start = GoogleApi.get(context, context.baseUrl() + "/changes/startPageToken", null)
                    .path("startPageToken")
                    .asString();
            return list(context, request, start, null);
        }
        if (cursor.startsWith(LIST)) {
            String[] parts = cursor.substring(LIST.length()).split(":", 2);
            return list(context, request, parts[0], parts.length > 1 ? parts[1] : null);
        }
        return changes(context, request, cursor.startsWith(CHANGES) ? cursor.substring(CHANGES.length()) : cursor);
    }

    private SyncPage list(ActionContext context, SyncRequest request, String start, String pageToken) {
        JsonNode page = GoogleApi.get(
                context,
                context.baseUrl() + "/files"
                        + query(
                                "q",
                                "trashed = false",
                                "pageSize",
                                Math.clamp(request.pageSize(), 1, 1000),
                                "pageToken",
                                pageToken,
                                "fields",
                                "nextPageToken,files(" + FILE_FIELDS + ")"),
                null);
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode f : page.path("files")) {
            upsert(context, f, changes);
        }
        String next = text(page, "nextPageToken");
        return next != null
                ? SyncPage.more(changes, LIST + start + ":" + next)
                : SyncPage.done(changes, CHANGES + start);
    }

    private SyncPage changes(ActionContext context, SyncRequest request, String token) {
        String url = context.baseUrl() + "/changes"
                + query(
                        "pageToken",
                        token,
                        "pageSize",
                        Math.clamp(request.pageSize(), 1, 1000),
                        "includeRemoved",
                        true,
                        "fields",
                        "nextPageToken,newStartPageToken,changes(changeType,removed,fileId,file(" + FILE_FIELDS + "))");
        var response = GoogleApi.send(context, "GET", url, null, null, 8 << 20);
        if (response.status() == 404 || response.status() == 410) {
            return SyncPage.cursorExpired();
        }
        GoogleApi.raise(context, response, null);
        JsonNode page = GoogleApi.parse(response);
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode change : page.path("changes")) {
            if ("drive".equals(text(change, "changeType"))) {
                continue; // a shared drive itself changed, not a file
            }
            JsonNode file = change.path("file");
            if (change.path("removed").asBoolean(false) || file.path("trashed").asBoolean(false)) {
                changes.add(new SyncChange.Removed(text(change, "fileId")));
            } else if (file.isObject()) {
                upsert(context, file, changes);
            }
        }
        String next = text(page, "nextPageToken");
        return next != null
                ? SyncPage.more(changes, CHANGES + next)
                : SyncPage.done(changes, CHANGES + text(page, "newStartPageToken"));
    }

    private static void upsert(ActionContext context, JsonNode f, List<SyncChange> changes) {
        String mime = text(f, "mimeType");
        if ((DriveDownload.GOOGLE_APPS + "folder").equals(mime)) {
            return;
        }
        long size = f.path("size").asLong(0);
        JsonNode by = f.path("lastModifyingUser");
        String modifiedBy = text(by, "emailAddress") != null ? text(by, "emailAddress") : text(by, "displayName");
        String modified = text(f, "modifiedTime");
        changes.add(new SyncChange.Upsert(new SyncedFile(
                text(f, "id"),
                text(f, "name"),
                text(f, "name"),
                mime,
                size,
                modified == null ? null : Instant.parse(modified),
                modifiedBy,
                text(f, "webViewLink"),
                content(context, text(f, "id"), mime, size))));
    }

    /** A Google Doc's text, or a small text file's content; null for anything else or when Drive refuses. */
    private static String content(ActionContext context, String id, String mime, long size) {
        String url;
        String fileUrl = context.baseUrl() + "/files/" + GoogleApi.enc(id);
        if ((DriveDownload.GOOGLE_APPS + "document").equals(mime)) {
            url = fileUrl + "/export" + query("mimeType", "text/plain");
        } else if (mime != null && DriveDownload.isText(mime) && size <= MAX_TEXT_BYTES) {
            url = fileUrl + query("alt", "media");
        } else {
            return null;
        }
        var response = GoogleApi.send(context, "GET", url, null, null, MAX_TEXT_BYTES);
        try {
            GoogleApi.raise(context, response, null);
        } catch (ConnectorException.Permanent e) {
            return null; // gone meanwhile, too large to export, not downloadable
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }
}
