package dev.atom.connectors.dropbox;

import dev.atom.connectors.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A file, folder or deleted entry of a Dropbox (files.Metadata). */
@Schema(description = "A Dropbox file, folder or deleted entry")
record DropboxEntry(
        @Schema(description = "file, folder or deleted") String kind,

        @Schema(description = "Its name") String name,

        @Schema(description = "Its path, as displayed", examples = "\"/Documents/notes.txt\"") @Nullable
        String path,

        @Schema(description = "Its path in lower case (what Dropbox compares)") @Nullable
        String pathLower,

        @Schema(description = "Its id (id:...), stable across moves") @Nullable
        String id,

        @Schema(description = "Size in bytes, for files") @Nullable
        Long size,

        @Schema(description = "When the file was last changed in Dropbox", format = "date-time") @Nullable
        String serverModified,

        @Schema(description = "The file's revision (changes with every edit)") @Nullable
        String rev,

        @Schema(description = "Dropbox's content hash of the file") @Nullable
        String contentHash) {

    static DropboxEntry of(JsonNode m) {
        return new DropboxEntry(
                m.path(".tag").asString("file"),
                m.path("name").asString(""),
                text(m, "path_display"),
                text(m, "path_lower"),
                text(m, "id"),
                m.path("size").isNumber() ? m.path("size").asLong() : null,
                text(m, "server_modified"),
                text(m, "rev"),
                text(m, "content_hash"));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() && !v.asString().isEmpty() ? v.asString() : null;
    }
}
