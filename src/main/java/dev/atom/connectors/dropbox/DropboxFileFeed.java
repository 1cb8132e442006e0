package dev.atom.connectors.dropbox;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedFile;
import dev.atom.connectors.SyncedItem;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code dropbox.files}: the whole Dropbox, file by file, for the workspace's files and search. The first sync
 * is {@code files/list_folder} (recursive, from the root) page by page; its cursor then continues with {@code
 * files/list_folder/continue}, which reports changes (a deleted or moved-away entry as {@code deleted}, a moved
 * file also as a new file at its new path). Files are keyed by {@code path_lower}, the only key deleted entries
 * carry; a deleted folder comes alone, so its removal stands for everything below it. A 409 {@code reset} means
 * the cursor expired. Small text-like files also bring their text ({@code files/download}). Stateless.
 */
final class DropboxFileFeed implements SyncFeed {
    /** Files up to this size are downloaded for their text. */
    static final int MAX_TEXT_BYTES = 256 * 1024;
    /** Characters of text kept per file. */
    static final int MAX_TEXT_CHARS = 64 * 1024;

    private static final Set<String> TEXT_EXTENSIONS = Set.of(
            "txt",
            "md",
            "markdown",
            "csv",
            "tsv",
            "json",
            "xml",
            "yaml",
            "yml",
            "log",
            "ini",
            "toml",
            "rst",
            "tex",
            "org",
            "adoc",
            "sql",
            "sh",
            "py",
            "java",
            "js",
            "ts",
            "go",
            "rs",
            "c",
            "h",
            "css",
            "properties");
    private static final Map<String, String> TYPES = Map.of(
            "md", "text/markdown",
            "markdown", "text/markdown",
            "csv", "text/csv",
            "json", "application/json",
            "yaml", "application/yaml",
            "yml", "application/yaml");

    @Override
    public String id() {
        return "dropbox.files";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedFile.class;
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        JsonNode result;
        if (request.full()) {
            result = DropboxApi.rpc(
                    context,
                    "files/list_folder",
                    Map.of("path", "", "recursive", true, "include_deleted", false, "limit", limit(request)),
                    null);
        } else {
            try {
                result =
                        DropboxApi.rpc(context, "files/list_folder/continue", Map.of("cursor", request.cursor()), null);
            } catch (ConnectorException.Permanent e) {
                if (e.status() == 409 && e.getMessage().contains("(reset")) {
                    return SyncPage.cursorExpired();
                }
                throw e;
            }
        }
        List<SyncChange> changes = new ArrayList<>();
        for (JsonNode entry : result.path("entries")) {
            String tag = entry.path(".tag").asString("");
            String key = DropboxEntry.text(entry, "path_lower");
            if (key == null) {
                continue;
            }
            if (tag.equals("deleted")) {
                changes.add(new SyncChange.Removed(key));
            } else if (tag.equals("file")) {
                changes.add(new SyncChange.Upsert(file(context, entry, key)));
            }
        }
        String cursor = result.path("cursor").asString();
        return result.path("has_more").asBoolean(false)
                ? SyncPage.more(changes, cursor)
                : SyncPage.done(changes, cursor);
    }

    private static int limit(SyncRequest request) {
        return Math.clamp(request.pageSize(), 1, 2000);
    }

    private static SyncedFile file(ActionContext context, JsonNode entry, String key) {
        DropboxEntry e = DropboxEntry.of(entry);
        String path = e.path() != null ? e.path() : key;
        long size = e.size() == null ? 0 : e.size();
        String modified = e.serverModified();
        return new SyncedFile(
                key,
                e.name(),
                path,
                mimeType(e.name()),
                size,
                modified == null ? null : Instant.parse(modified),
                null,
                link(path, e.name()),
                isText(e.name()) && size <= MAX_TEXT_BYTES ? text(context, e.id() != null ? e.id() : key) : null);
    }

    /** The file's text, or null when Dropbox will not give it (gone meanwhile, restricted). */
    private static String text(ActionContext context, String path) {
        try {
            var response =
                    DropboxApi.content(context, "files/download", Map.of("path", path), null, MAX_TEXT_BYTES, "path");
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
        } catch (ConnectorException.Permanent e) {
            return null;
        }
    }

    static boolean isText(String name) {
        return TEXT_EXTENSIONS.contains(extension(name));
    }

    static String mimeType(String name) {
        String known = TYPES.get(extension(name));
        if (known != null) {
            return known;
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(name);
        return guessed != null ? guessed : isText(name) ? "text/plain" : "application/octet-stream";
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file's preview in Dropbox's web app: its folder, with the file open. */
    static String link(String path, String name) {
        int slash = path.lastIndexOf('/');
        String folder = slash <= 0 ? "" : path.substring(0, slash);
        return "https://www.dropbox.com/home"
                + URLEncoder.encode(folder, StandardCharsets.UTF_8)
                        .replace("%2F", "/")
                        .replace("+", "%20") + "?preview="
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
