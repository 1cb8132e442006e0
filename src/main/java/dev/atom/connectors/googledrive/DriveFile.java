package dev.atom.connectors.googledrive;

import static dev.atom.connectors.google.GoogleApi.strings;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A file's metadata (a subset of Drive's File resource). */
@Schema(description = "A file or folder in Google Drive")
record DriveFile(
        @Schema(description = "The file id") String id,
        @Schema(description = "The name") String name,

        @Schema(description = "The MIME type; Google Docs types start with application/vnd.google-apps.")
        String mimeType,

        @Schema(description = "Size in bytes (absent for Google Docs types and folders)") @Nullable
        Long size,

        @Schema(description = "When it was last changed", format = "date-time") @Nullable
        String modifiedTime,

        @Schema(description = "Its page in Google Drive", format = "uri") @Nullable
        String webViewLink,

        @Schema(description = "The ids of the folders it is in")
        List<String> parents) {

    static final String FIELDS = "id,name,mimeType,size,modifiedTime,webViewLink,parents";

    static DriveFile of(JsonNode f) {
        JsonNode size = f.get("size");
        return new DriveFile(
                text(f, "id"),
                text(f, "name"),
                text(f, "mimeType"),
                size == null || size.isNull() ? null : size.asLong(),
                text(f, "modifiedTime"),
                text(f, "webViewLink"),
                strings(f, "parents"));
    }
}
