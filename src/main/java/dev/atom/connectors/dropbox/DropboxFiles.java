package dev.atom.connectors.dropbox;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing folders, searching and sharing. */
final class DropboxFiles {
    static final int DEFAULT_ENTRIES = 500;

    private DropboxFiles() {}

    @Schema(description = "Which folder to list")
    record ListInput(
            @Schema(description = "The folder's path (empty or / for the root)", examples = "\"/Documents\"") @Nullable
            String path,

            @Schema(description = "Also list everything in subfolders") @Nullable
            Boolean recursive,

            @Schema(description = "At most this many entries (default 500)", minimum = 1, maximum = 10_000) @Nullable
            Integer maxEntries,

            @Schema(description = "cursor of a previous answer with hasMore, to go on from there") @Nullable
            String cursor) {}

    @Schema(description = "A folder's entries")
    record ListOutput(
            @Schema(description = "Files and folders") List<DropboxEntry> entries,

            @Schema(description = "Pass as cursor for more (or, later, for what changed since)")
            String cursor,

            @Schema(description = "True when there are more entries")
            boolean hasMore) {}

    @Schema(description = "What to search for")
    record SearchInput(
            @Schema(description = "Words in file names or contents", minLength = 1, maxLength = 1000)
            String query,

            @Schema(description = "Only under this folder") @Nullable
            String path,

            @Schema(description = "Only files with these extensions", examples = "[\"pdf\",\"docx\"]") @Nullable
            List<String> fileExtensions,

            @Schema(description = "At most this many matches (default 20)", minimum = 1, maximum = 1000) @Nullable
            Integer maxResults,

            @Schema(description = "cursor of a previous answer with hasMore (then the rest is ignored)") @Nullable
            String cursor) {}

    @Schema(description = "Search results")
    record SearchOutput(
            @Schema(description = "Matching files and folders")
            List<DropboxEntry> matches,

            @Schema(description = "Pass as cursor for more") @Nullable
            String cursor,

            @Schema(description = "True when there are more")
            boolean hasMore) {}

    @Schema(description = "What to share")
    record LinkInput(
            @Schema(description = "The file or folder's path")
            String path) {}

    @Schema(description = "A shared link")
    record Link(
            @Schema(description = "The link anyone with it can open", format = "uri")
            String url,

            @Schema(description = "The shared file or folder's name")
            String name,

            @Schema(description = "Its path in lower case") @Nullable
            String pathLower) {}

    static final class ListFolder extends BaseAction<ListInput, ListOutput> {
        ListFolder() {
            super(
                    "dropbox.list_folder",
                    "List a folder",
                    "Lists the files and folders in a Dropbox folder, optionally with its subfolders.",
                    ListInput.class,
                    ListOutput.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public ListOutput execute(ActionContext ctx, ListInput in) {
            int max = in.maxEntries() == null ? DEFAULT_ENTRIES : in.maxEntries();
            JsonNode page;
            if (in.cursor() != null) {
                page = DropboxApi.rpc(ctx, "files/list_folder/continue", Map.of("cursor", in.cursor()), "cursor");
            } else {
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("path", DropboxApi.path(in.path(), "path", true));
                args.put("recursive", Boolean.TRUE.equals(in.recursive()));
                args.put("limit", Math.min(max, 2000));
                page = DropboxApi.rpc(ctx, "files/list_folder", args, "path");
            }
            List<DropboxEntry> entries = new ArrayList<>();
            while (true) {
                page.path("entries").forEach(e -> entries.add(DropboxEntry.of(e)));
                boolean more = page.path("has_more").asBoolean(false);
                String cursor = page.path("cursor").asString("");
                if (!more || entries.size() >= max) {
                    return new ListOutput(entries, cursor, more);
                }
                page = DropboxApi.rpc(ctx, "files/list_folder/continue", Map.of("cursor", cursor), "cursor");
            }
        }
    }

    static final class Search extends BaseAction<SearchInput, SearchOutput> {
        Search() {
            super(
                    "dropbox.search",
                    "Search files",
                    "Finds files and folders in Dropbox by name or content.",
                    SearchInput.class,
                    SearchOutput.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public SearchOutput execute(ActionContext ctx, SearchInput in) {
            JsonNode r;
            if (in.cursor() != null) {
                r = DropboxApi.rpc(ctx, "files/search/continue_v2", Map.of("cursor", in.cursor()), "cursor");
            } else {
                Map<String, Object> options = new LinkedHashMap<>();
                if (in.path() != null && !in.path().isBlank()) {
                    options.put("path", DropboxApi.path(in.path(), "path", true));
                }
                options.put("max_results", in.maxResults() == null ? 20 : in.maxResults());
                options.put("file_status", "active");
                if (in.fileExtensions() != null && !in.fileExtensions().isEmpty()) {
                    options.put("file_extensions", in.fileExtensions());
                }
                r = DropboxApi.rpc(ctx, "files/search_v2", Map.of("query", in.query(), "options", options), "path");
            }
            List<DropboxEntry> matches = new ArrayList<>();
            for (JsonNode m : r.path("matches")) {
                matches.add(DropboxEntry.of(m.path("metadata").path("metadata")));
            }
            return new SearchOutput(
                    matches, DropboxEntry.text(r, "cursor"), r.path("has_more").asBoolean(false));
        }
    }

    /** Shares with a link; a link that exists already is the answer (so a retry is harmless). */
    static final class CreateSharedLink extends BaseAction<LinkInput, Link> {
        CreateSharedLink() {
            super(
                    "dropbox.create_shared_link",
                    "Share with a link",
                    "Makes a shared link to a Dropbox file or folder, or returns the one it already has.",
                    LinkInput.class,
                    Link.class,
                    true,
                    Idempotency.NATURAL);
        }

        @Override
        public Link execute(ActionContext ctx, LinkInput in) {
            String path = DropboxApi.path(in.path(), "path", false);
            try {
                return link(
                        DropboxApi.rpc(ctx, "sharing/create_shared_link_with_settings", Map.of("path", path), "path"));
            } catch (ConnectorException.Permanent e) {
                if (e.status() != 409 || !e.getMessage().contains("shared_link_already_exists")) {
                    throw e;
                }
            }
            JsonNode links =
                    DropboxApi.rpc(ctx, "sharing/list_shared_links", Map.of("path", path, "direct_only", true), "path");
            JsonNode first = links.path("links").path(0);
            if (first.isMissingNode()) {
                throw new ConnectorException.Permanent(409, "path: Dropbox says a link exists but lists none");
            }
            return link(first);
        }

        private static Link link(JsonNode l) {
            return new Link(l.path("url").asString(), l.path("name").asString(""), DropboxEntry.text(l, "path_lower"));
        }
    }
}
