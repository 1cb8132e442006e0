package dev.atom.connectors.onedrive;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.GraphDelta;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedFile;
import dev.atom.connectors.SyncedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code onedrive.files}: the person's OneDrive, file by file, for the workspace's files and search, by the
 * drive's delta query: the first sync walks {@code /me/drive/root/delta} page by page (a few pages per call, the
 * engine asks again at once), later syncs go on from the deltaLink and get only what changed; a deleted item
 * comes with {@code deleted} and is removed. Folders are not kept. Small text-like files bring their text (one
 * download each, at most {@link #MAX_TEXT_BYTES}). When Graph has forgotten the delta state the engine restarts.
 */
final class DriveFileFeed implements SyncFeed {
    static final int PAGES_PER_CALL = 5;
    static final int MAX_TEXT_BYTES = 256 * 1024;
    static final int MAX_TEXT_CHARS = 64 * 1024;
    private static final Set<String> TEXT_EXTENSIONS =
            Set.of("txt", "md", "markdown", "csv", "tsv", "json", "xml", "yaml", "yml", "log", "ini", "toml", "rst");

    @Override
    public String id() {
        return "onedrive.files";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedFile.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        String cursor = request.cursor();
        if (cursor != null && !GraphDelta.readable(context, cursor)) {
            return SyncPage.cursorExpired();
        }
        String start = "/me/drive/root/delta" + MicrosoftGraph.query("$select", DriveItem.SELECT);
        GraphDelta walk = GraphDelta.walk(context, cursor, start, PAGES_PER_CALL);
        if (walk.lost()) {
            return SyncPage.cursorExpired();
        }
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode i : walk.items()) {
            String id = i.path("id").asString();
            if (i.has("deleted") || i.has("@removed")) {
                changes.add(new SyncChange.Removed(id));
            } else if (i.has("file")) {
                changes.add(new SyncChange.Upsert(file(context, i)));
            }
        }
        return walk.more() ? SyncPage.more(changes, walk.cursor()) : SyncPage.done(changes, walk.cursor());
    }

    private static SyncedFile file(ActionContext context, JsonNode i) {
        DriveItem item = DriveItem.of(i);
        String parent = item.parentPath() == null ? "" : item.parentPath();
        String path = (parent.endsWith("/") ? parent : parent + "/") + item.name();
        return new SyncedFile(
                item.id(),
                item.name(),
                path,
                item.mimeType(),
                item.size(),
                MicrosoftGraph.instant(i, "lastModifiedDateTime"),
                item.modifiedBy(),
                item.webUrl(),
                textual(item) ? text(context, item.id()) : null);
    }

    static boolean textual(DriveItem item) {
        if (item.size() > MAX_TEXT_BYTES) {
            return false;
        }
        if (item.mimeType() != null && item.mimeType().startsWith("text/")) {
            return true;
        }
        int dot = item.name().lastIndexOf('.');
        return dot >= 0
                && TEXT_EXTENSIONS.contains(item.name().substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String text(ActionContext context, String id) {
        var response = MicrosoftGraph.send(
                context,
                "GET",
                "/me/drive/items/" + MicrosoftGraph.enc(id) + "/content",
                null,
                null,
                MAX_TEXT_BYTES,
                true);
        if (response.status() == 404) {
            return null; // gone since the delta page: the next page removes it
        }
        MicrosoftGraph.raise(context, response, null, null);
        String text = DriveContent.utf8(response.body());
        return text == null || text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS);
    }
}
