package dev.atom.connectors.googledrive;

import static dev.atom.connectors.google.GoogleApi.enc;
import static dev.atom.connectors.google.GoogleApi.query;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code google-drive.download}: a file's content, at most {@value #MAX_BYTES} bytes. Google Docs types have
 * no bytes of their own: they are exported (documents as text, spreadsheets as CSV, unless another type is
 * asked for). Text comes back as text, anything else as base64. Stateless.
 */
final class DriveDownload {
    static final int MAX_BYTES = 10 << 20;
    static final String GOOGLE_APPS = "application/vnd.google-apps.";
    private static final Map<String, String> EXPORTS = Map.of(
            GOOGLE_APPS + "document", "text/plain",
            GOOGLE_APPS + "spreadsheet", "text/csv",
            GOOGLE_APPS + "presentation", "text/plain",
            GOOGLE_APPS + "drawing", "image/png",
            GOOGLE_APPS + "script", "application/vnd.google-apps.script+json");

    private DriveDownload() {}

    @Schema(description = "Which file to download")
    record Input(
            @Schema(description = "The file id") String fileId,

            @Schema(
                    description = "For Google Docs types: the type to export to (default text/plain for documents,"
                            + " text/csv for spreadsheets)",
                    examples = "\"application/pdf\"")
            @Nullable
            String exportMimeType) {}

    record Output(
            @Schema(description = "The file's metadata") DriveFile file,

            @Schema(description = "The MIME type of the content returned")
            String contentType,

            @Schema(description = "The content as text, when it is text") @Nullable
            String text,

            @Schema(description = "The content in base64, when it is not text") @Nullable
            String base64,

            @Schema(description = "The content's size in bytes")
            long bytes) {}

    static final LambdaAction<Input, Output> DOWNLOAD = BaseAction.read(
            "google-drive.download",
            "Download a file",
            "Downloads a file's content (up to 10 MB); Google Docs, Sheets and Slides are exported, as text by default.",
            Input.class,
            Output.class,
            DriveDownload::download);

    private static Output download(ActionContext context, Input in) {
        String fileUrl = context.baseUrl() + "/files/" + enc(in.fileId());
        DriveFile file = DriveFile.of(GoogleApi.get(
                context, fileUrl + query("fields", DriveFile.FIELDS, "supportsAllDrives", true), "fileId"));
        String url;
        String type;
        if (file.mimeType().startsWith(GOOGLE_APPS)) {
            type = in.exportMimeType() != null ? in.exportMimeType() : EXPORTS.get(file.mimeType());
            if (type == null) {
                throw new ConnectorException.InvalidInput(
                        file.mimeType().equals(GOOGLE_APPS + "folder") ? "fileId" : "exportMimeType",
                        file.mimeType().equals(GOOGLE_APPS + "folder")
                                ? "is a folder, which has no content"
                                : "is needed to download a " + file.mimeType());
            }
            url = fileUrl + "/export" + query("mimeType", type);
        } else {
            if (file.size() != null && file.size() > MAX_BYTES) {
                throw new ConnectorException.Permanent(
                        413, "the file has " + file.size() + " bytes, more than the " + MAX_BYTES + " a download may");
            }
            type = file.mimeType();
            url = fileUrl + query("alt", "media", "supportsAllDrives", true);
        }
        var response = GoogleApi.send(context, "GET", url, null, null, MAX_BYTES);
        GoogleApi.raise(context, response, in.exportMimeType() != null ? "exportMimeType" : "fileId");
        if (response.truncated()) {
            throw new ConnectorException.Permanent(
                    413, "the content is larger than the " + MAX_BYTES + " bytes a download may");
        }
        byte[] bytes = response.body();
        boolean text = isText(type);
        return new Output(
                file,
                type,
                text ? new String(bytes, StandardCharsets.UTF_8) : null,
                text ? null : Base64.getEncoder().encodeToString(bytes),
                bytes.length);
    }

    static boolean isText(String mimeType) {
        String t = mimeType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/")
                || t.endsWith("json")
                || t.endsWith("xml")
                || t.equals("application/javascript")
                || t.equals("application/x-yaml");
    }
}
