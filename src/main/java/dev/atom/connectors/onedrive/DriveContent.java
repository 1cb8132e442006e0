package dev.atom.connectors.onedrive;

import static dev.atom.connectors.MicrosoftGraph.id;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Downloading and uploading a file's content. A download follows Graph's 302 to the file's pre-signed URL (the
 * bearer token is not sent to another origin) and reads at most {@link #MAX_BYTES}. An upload is Graph's simple
 * upload (one PUT, up to {@link #MAX_BYTES}): a new file by path under a folder ({@code
 * /me/drive/items/{folder}:/{name}:/content}) or new content for an existing file.
 */
final class DriveContent {
    /** The largest file read or written in one call. */
    static final int MAX_BYTES = 4 << 20;

    private DriveContent() {}

    enum Conflict {
        replace,
        rename,
        fail
    }

    @Schema(description = "The file to download")
    record DownloadInput(
            @Schema(description = "The file's id") String itemId,

            @Schema(
                    description = "Read at most this many bytes (default and most 4 MiB)",
                    minimum = 1,
                    maximum = 4194304)
            @Nullable
            Integer maxBytes) {}

    @Schema(description = "A file's content")
    record Content(
            @Schema(description = "The content as text, when it is UTF-8 text") @Nullable
            String text,

            @Schema(description = "The content as base64, when it is not text") @Nullable
            String base64,

            @Schema(description = "Bytes read") int size,

            @Schema(description = "True when the file is larger than what was read")
            boolean truncated) {}

    @Schema(description = "A file to upload: give text or base64, and folderId + name (a new file) or itemId")
    record UploadInput(
            @Schema(description = "The folder to put a new file in; the root when left out") @Nullable
            String folderId,

            @Schema(description = "The new file's name", maxLength = 255) @Nullable
            String name,

            @Schema(description = "An existing file whose content is replaced") @Nullable
            String itemId,

            @Schema(description = "The content as text (sent as UTF-8)") @Nullable
            String text,

            @Schema(description = "The content as base64") @Nullable
            String base64,

            @Schema(description = "When the name is taken: replace, rename or fail (default fail)") @Nullable
            Conflict conflict) {}

    static final Action<DownloadInput, Content> DOWNLOAD = BaseAction.read(
            "onedrive.download",
            "Download a file",
            "Reads a OneDrive file's content (text, or base64 for other files), up to 4 MiB.",
            DownloadInput.class,
            Content.class,
            DriveContent::download);

    // conflict=rename makes a second copy on a retry, so a retry is not safe in general
    static final Action<UploadInput, DriveItem> UPLOAD = BaseAction.write(
            "onedrive.upload",
            "Upload a file",
            "Uploads a small file (up to 4 MiB) to a OneDrive folder, or replaces a file's content.",
            UploadInput.class,
            DriveItem.class,
            Idempotency.NONE,
            DriveContent::upload);

    private static Content download(ActionContext ctx, DownloadInput in) {
        int max = in.maxBytes() == null ? MAX_BYTES : Math.min(in.maxBytes(), MAX_BYTES);
        var response = MicrosoftGraph.send(
                ctx, "GET", "/me/drive/items/" + id(in.itemId(), "itemId") + "/content", null, null, max, true);
        MicrosoftGraph.raise(ctx, response, "itemId", DriveFiles.ITEM);
        byte[] bytes = response.body();
        String text = utf8(bytes);
        return new Content(
                text,
                text == null ? Base64.getEncoder().encodeToString(bytes) : null,
                bytes.length,
                response.truncated());
    }

    private static DriveItem upload(ActionContext ctx, UploadInput in) {
        byte[] bytes = bytes(in);
        String path;
        if (in.itemId() != null) {
            path = "/me/drive/items/" + id(in.itemId(), "itemId") + "/content";
        } else {
            if (in.name() == null || in.name().isBlank() || in.name().matches(".*[\\\\/:*?\"<>|].*")) {
                throw new ConnectorException.InvalidInput("name", "give a file name without / \\ : * ? \" < > |");
            }
            String folder = in.folderId() == null ? "root" : "items/" + id(in.folderId(), "folderId");
            Conflict conflict = in.conflict() == null ? Conflict.fail : in.conflict();
            path = "/me/drive/" + folder + ":/" + MicrosoftGraph.enc(in.name().strip()) + ":/content"
                    + MicrosoftGraph.query("@microsoft.graph.conflictBehavior", conflict.name());
        }
        var response = MicrosoftGraph.send(ctx, "PUT", path, bytes, "application/octet-stream", 8 << 20, false);
        String field = in.itemId() != null ? "itemId" : in.folderId() != null ? "folderId" : "name";
        if (response.status() == 409) {
            throw new ConnectorException.InvalidInput("name", "a file of that name is already there (conflict: fail)");
        }
        MicrosoftGraph.raise(ctx, response, field, field.equals("folderId") ? "the OneDrive folder" : DriveFiles.ITEM);
        return DriveItem.of(MicrosoftGraph.parse(response));
    }

    private static byte[] bytes(UploadInput in) {
        byte[] bytes;
        if (in.text() != null) {
            bytes = in.text().getBytes(StandardCharsets.UTF_8);
        } else if (in.base64() != null) {
            try {
                bytes = Base64.getDecoder().decode(in.base64().strip());
            } catch (IllegalArgumentException e) {
                throw new ConnectorException.InvalidInput("base64", "is not base64");
            }
        } else {
            throw new ConnectorException.InvalidInput("text", "give text or base64");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConnectorException.InvalidInput(in.text() != null ? "text" : "base64", "is larger than 4 MiB");
        }
        return bytes;
    }

    /** The bytes as text when they are valid UTF-8 without NUL characters, else null. */
    static String utf8(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
