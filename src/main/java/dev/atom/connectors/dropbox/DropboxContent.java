package dev.atom.connectors.dropbox;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Downloading and uploading files (the content endpoints), at most {@value #MAX_BYTES} bytes each. */
final class DropboxContent {
    /** Held in memory and returned as base64 in JSON: larger files belong in a streaming step, not here. */
    static final int MAX_BYTES = 10 << 20;

    private DropboxContent() {}

    @Schema(description = "Which file to download")
    record DownloadInput(
            @Schema(description = "The file's path, or its id (id:...)", examples = "\"/Documents/notes.txt\"")
            String path) {}

    @Schema(description = "A downloaded file")
    record DownloadOutput(
            @Schema(description = "The file's metadata") DropboxEntry file,

            @Schema(description = "The content in base64") String base64,

            @Schema(description = "The content's size in bytes")
            long bytes) {}

    enum Mode {
        add,
        overwrite
    }

    @Schema(description = "A file to upload: text or base64 content")
    record UploadInput(
            @Schema(description = "Where to put it, with the file name", examples = "\"/Reports/march.txt\"")
            String path,

            @Schema(description = "The content as text (UTF-8)") @Nullable
            String text,

            @Schema(description = "The content in base64, for binary files") @Nullable
            String base64,

            @Schema(description = "add (default: never replace another file) or overwrite") @Nullable
            Mode mode,

            @Schema(description = "When another file is there and mode is add, save as 'name (1)' instead of failing")
            @Nullable
            Boolean autorename) {}

    static final class Download extends BaseAction<DownloadInput, DownloadOutput> {
        Download() {
            super(
                    "dropbox.download",
                    "Download a file",
                    "Downloads a Dropbox file (up to 10 MB) as base64, with its metadata.",
                    DownloadInput.class,
                    DownloadOutput.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public DownloadOutput execute(ActionContext ctx, DownloadInput in) {
            Map<String, Object> arg = Map.of("path", DropboxApi.path(in.path(), "path", false));
            var response = DropboxApi.content(ctx, "files/download", arg, null, MAX_BYTES, "path");
            if (response.truncated()) {
                throw new ConnectorException.Permanent(
                        413, "path: the file is larger than the " + MAX_BYTES + " bytes a download may have");
            }
            String result = response.header("dropbox-api-result");
            var metadata = result == null
                    ? DropboxApi.JSON.createObjectNode()
                    : DropboxApi.parse(result.getBytes(StandardCharsets.UTF_8), response.status());
            byte[] bytes = response.body();
            return new DownloadOutput(
                    DropboxEntry.of(metadata), Base64.getEncoder().encodeToString(bytes), bytes.length);
        }
    }

    /**
     * Dropbox writes nothing when the file there has identical content (no conflict, no rename), so a retry of
     * the same upload is harmless in either mode.
     */
    static final class Upload extends BaseAction<UploadInput, DropboxEntry> {
        Upload() {
            super(
                    "dropbox.upload",
                    "Upload a file",
                    "Saves text or base64 content as a Dropbox file (up to 10 MB), adding or overwriting.",
                    UploadInput.class,
                    DropboxEntry.class,
                    true,
                    Idempotency.NATURAL);
        }

        @Override
        public DropboxEntry execute(ActionContext ctx, UploadInput in) {
            String path = DropboxApi.path(in.path(), "path", false);
            if (path.startsWith("id:") || path.startsWith("ns:") || path.startsWith("rev:")) {
                throw new ConnectorException.InvalidInput("path", "must be a path like /folder/name.txt");
            }
            if ((in.text() == null) == (in.base64() == null)) {
                throw new ConnectorException.InvalidInput("text", "give either text or base64 content");
            }
            byte[] content;
            if (in.text() != null) {
                content = in.text().getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    content = Base64.getDecoder().decode(in.base64().replaceAll("\\s", ""));
                } catch (IllegalArgumentException e) {
                    throw new ConnectorException.InvalidInput("base64", "is not valid base64");
                }
            }
            if (content.length > MAX_BYTES) {
                throw new ConnectorException.InvalidInput(
                        in.text() != null ? "text" : "base64", "is larger than " + MAX_BYTES + " bytes");
            }
            Map<String, Object> arg = new LinkedHashMap<>();
            arg.put("path", path);
            arg.put("mode", in.mode() == null ? "add" : in.mode().name());
            arg.put("autorename", Boolean.TRUE.equals(in.autorename()));
            arg.put("mute", false);
            var response = DropboxApi.content(ctx, "files/upload", arg, content, DropboxApi.MAX_JSON_BYTES, "path");
            return DropboxEntry.of(DropboxApi.parse(response.body(), response.status()));
        }
    }
}
