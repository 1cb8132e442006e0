package dev.atom.connectors.gmail;

import static dev.atom.connectors.google.GoogleApi.strings;

import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A message read in full (users.messages.get format=full), its MIME tree flattened. */
@Schema(description = "An e-mail message")
record GmailMessage(
        @Schema(description = "The message id") String id,

        @Schema(description = "The conversation (thread) id")
        String threadId,

        @Schema(description = "Label ids (INBOX, UNREAD...)")
        List<String> labelIds,

        @Schema(description = "A short part of the message text") @Nullable
        String snippet,

        @Schema(description = "The Subject header") @Nullable
        String subject,

        @Schema(description = "The From header") @Nullable String from,
        @Schema(description = "The To header") @Nullable String to,
        @Schema(description = "The Date header") @Nullable String date,
        @Schema(description = "Every header in order") List<Header> headers,

        @Schema(description = "The text/plain body, decoded") @Nullable
        String text,

        @Schema(description = "The text/html body, decoded") @Nullable
        String html,

        @Schema(description = "Attachments (metadata only)") List<Attachment> attachments) {

    record Header(
            @Schema(description = "Header name") String name,
            @Schema(description = "Header value") String value) {}

    record Attachment(
            @Schema(description = "The file name") String filename,
            @Schema(description = "The MIME type") String mimeType,
            @Schema(description = "Size in bytes") long size,

            @Schema(description = "The id to fetch its content with users.messages.attachments.get") @Nullable
            String attachmentId) {}

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    static GmailMessage of(JsonNode m) {
        JsonNode payload = m.path("payload");
        List<Header> headers = new ArrayList<>();
        payload.path("headers")
                .forEach(h -> headers.add(new Header(GoogleApi.text(h, "name"), GoogleApi.text(h, "value"))));
        Map<String, String> h = headerMap(payload.path("headers"));
        Parts parts = new Parts();
        parts.walk(payload);
        return new GmailMessage(
                GoogleApi.text(m, "id"),
                GoogleApi.text(m, "threadId"),
                strings(m, "labelIds"),
                GoogleApi.text(m, "snippet"),
                h.get("subject"),
                h.get("from"),
                h.get("to"),
                h.get("date"),
                headers,
                parts.text,
                parts.html,
                parts.attachments);
    }

    /** Headers by lower-case name (the first of repeated ones). */
    static Map<String, String> headerMap(JsonNode headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach(
                h -> out.putIfAbsent(GoogleApi.text(h, "name").toLowerCase(Locale.ROOT), GoogleApi.text(h, "value")));
        return out;
    }

    /** Walks the MIME tree: the first text/plain and text/html bodies, and every part with a file name. */
    private static final class Parts {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();

        void walk(JsonNode part) {
            String mime = part.path("mimeType").asString("").toLowerCase(Locale.ROOT);
            String filename = part.path("filename").asString("");
            JsonNode body = part.path("body");
            if (!filename.isEmpty()) {
                attachments.add(new Attachment(
                        filename, mime, body.path("size").asLong(0), GoogleApi.text(body, "attachmentId")));
            } else if (mime.equals("text/plain") && text == null && body.has("data")) {
                text = decode(body, part);
            } else if (mime.equals("text/html") && html == null && body.has("data")) {
                html = decode(body, part);
            }
            part.path("parts").forEach(this::walk);
        }

        private static String decode(JsonNode body, JsonNode part) {
            byte[] bytes =
                    Base64.getUrlDecoder().decode(body.get("data").asString().strip());
            return new String(bytes, charset(headerMap(part.path("headers")).get("content-type")));
        }

        private static Charset charset(String contentType) {
            if (contentType != null) {
                Matcher m = CHARSET.matcher(contentType);
                if (m.find()) {
                    try {
                        return Charset.forName(m.group(1));
                    } catch (IllegalArgumentException e) {
                        // an unknown charset: UTF-8 reads most of them well enough
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }
    }
}
