package dev.atom.connectors.googledrive;

import static dev.atom.connectors.google.GoogleApi.query;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code google-drive.upload}: a new file by multipart upload (metadata JSON and content in one
 * multipart/related request), at most {@value #MAX_BYTES} bytes, which is what Drive allows for it. Stateless.
 */
final class DriveUpload {
    static final int MAX_BYTES = 5 << 20;

    private DriveUpload() {}

    @Schema(description = "A file to create")
    record Input(
            @Schema(description = "The file name", maxLength = 255, examples = "\"notes.txt\"")
            String name,

            @Schema(
                    description =
                            "The content's MIME type (default text/plain for text, else application/octet-stream)")
            @Nullable
            String mimeType,

            @Schema(description = "The content as text (UTF-8)") @Nullable
            String text,

            @Schema(description = "The content in base64, for binary files") @Nullable
            String base64,

            @Schema(description = "Folder ids to put it in (default My Drive's root)") @Nullable
            List<String> parents,

            @Schema(description = "A description") @Nullable String description) {}

    static final LambdaAction<Input, DriveFile> UPLOAD = BaseAction.write(
            "google-drive.upload",
            "Upload a file",
            "Creates a file in Google Drive from text or base64 content (up to 5 MB).",
            Input.class,
            DriveFile.class,
            // Drive has no idempotency key for creating files: a retry after the upload went out may make two.
            Idempotency.NONE,
            DriveUpload::upload);

    private static DriveFile upload(ActionContext context, Input in) {
        if ((in.text() == null) == (in.base64() == null)) {
            throw new ConnectorException.InvalidInput("text", "give either text or base64 content");
        }
        byte[] content;
        if (in.text() != null) {
            content = in.text().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                // Strict: the MIME decoder would skip any character it does not know and upload garbage.
                content = Base64.getDecoder().decode(in.base64().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new ConnectorException.InvalidInput("base64", "is not valid base64");
            }
        }
        if (content.length > MAX_BYTES) {
            throw new ConnectorException.InvalidInput(
                    in.text() != null ? "text" : "base64", "is larger than " + MAX_BYTES + " bytes");
        }
        String type = in.mimeType() != null
                ? in.mimeType()
                : in.text() != null ? "text/plain; charset=UTF-8" : "application/octet-stream";
        if (type.indexOf('\r') >= 0 || type.indexOf('\n') >= 0) {
            throw new ConnectorException.InvalidInput("mimeType", "must not contain line breaks");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", in.name());
        if (in.mimeType() != null) {
            metadata.put("mimeType", in.mimeType());
        }
        if (in.parents() != null) {
            metadata.put("parents", in.parents());
        }
        if (in.description() != null) {
            metadata.put("description", in.description());
        }
        String boundary = "atom-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(GoogleApi.JSON.writeValueAsBytes(metadata));
        body.writeBytes(
                ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String url = GoogleDriveConnector.uploadBase(context) + "/files"
                + query("uploadType", "multipart", "fields", DriveFile.FIELDS, "supportsAllDrives", true);
        var response = GoogleApi.send(
                context, "POST", url, body.toByteArray(), "multipart/related; boundary=" + boundary, 1 << 20);
        GoogleApi.raise(context, response, "parents");
        return DriveFile.of(GoogleApi.parse(response));
    }
}
