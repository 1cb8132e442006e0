package dev.atom.connectors.onedrive;

import static dev.atom.connectors.MicrosoftGraph.text;

import dev.atom.connectors.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A OneDrive or SharePoint file or folder as the actions report it. */
@Schema(description = "A file or folder in OneDrive or a SharePoint library")
record DriveItem(
        @Schema(description = "Item id") String id,

        @Schema(description = "Name") String name,

        @Schema(description = "True for a folder") boolean folder,

        @Schema(description = "Size in bytes (a folder: of everything in it)")
        long size,

        @Schema(description = "The file's media type") @Nullable
        String mimeType,

        @Schema(description = "Its folder, from the drive's root (/Documents)") @Nullable
        String parentPath,

        @Schema(description = "The parent folder's id") @Nullable
        String parentId,

        @Schema(description = "Opens it in the browser", format = "uri") @Nullable
        String webUrl,

        @Schema(description = "Last changed", format = "date-time") @Nullable
        String modifiedAt,

        @Schema(description = "Who changed it last") @Nullable
        String modifiedBy) {

    static final String SELECT =
            "id,name,size,file,folder,parentReference,webUrl,lastModifiedDateTime,lastModifiedBy,deleted";

    static DriveItem of(JsonNode i) {
        return new DriveItem(
                i.path("id").asString(),
                i.path("name").asString(""),
                i.has("folder"),
                i.path("size").asLong(0),
                text(i.path("file"), "mimeType"),
                parentPath(i),
                text(i.path("parentReference"), "id"),
                text(i, "webUrl"),
                text(i, "lastModifiedDateTime"),
                text(i.path("lastModifiedBy").path("user"), "displayName"));
    }

    /** "/drive/root:/Documents" as "/Documents"; the root itself as "/". */
    static String parentPath(JsonNode i) {
        String p = text(i.path("parentReference"), "path");
        if (p == null) {
            return null;
        }
        int colon = p.indexOf(':');
        String rest = colon < 0 ? p : p.substring(colon + 1);
        return rest.isEmpty() ? "/" : rest;
    }
}
