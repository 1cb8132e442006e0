package dev.atom.connectors.dropbox;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code dropbox.file_changed}: files and folders added, changed or deleted under a folder, polled with a
 * list_folder cursor. The first poll only asks for the latest cursor; later ones call list_folder/continue
 * until has_more is false. When Dropbox resets the cursor (409 {@code reset}) the changes in between cannot
 * be listed: the trigger takes a new latest cursor, reports nothing for the gap and logs a warning saying so.
 * Keys: a file's id and rev, a folder's id, a deletion's path and the cursor it was seen from. Stateless.
 */
final class DropboxChangesTrigger implements PollingTrigger {
    private static final Logger log = LoggerFactory.getLogger(DropboxChangesTrigger.class);
    static final int MAX_PAGES = 20;

    @Schema(description = "Which folder to watch")
    record Settings(
            @Schema(description = "The folder's path (empty or / for the whole Dropbox)") @Nullable
            String path,

            @Schema(description = "Also watch its subfolders (default true)") @Nullable
            Boolean recursive) {}

    @Schema(description = "A file or folder added, changed or deleted")
    record Event(
            @Schema(description = "file (added or changed), folder (added) or deleted")
            String kind,

            @Schema(description = "The entry, as Dropbox lists it")
            DropboxEntry entry) {}

    @Override
    public String id() {
        return "dropbox.file_changed";
    }

    @Override
    public String name() {
        return "File added, changed or deleted";
    }

    @Override
    public String description() {
        return "Starts when a file or folder is added, changed or deleted in a Dropbox folder.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        return poll(context, null, cursor);
    }

    @Override
    public Poll poll(ActionContext ctx, JsonNode settings, String cursor) {
        if (cursor == null) {
            return new Poll(List.of(), latest(ctx, settings));
        }
        List<TriggerEvent> events = new ArrayList<>();
        String seenFrom = shortHash(cursor);
        String next = cursor;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode r;
            try {
                r = DropboxApi.rpc(ctx, "files/list_folder/continue", Map.of("cursor", next), "cursor");
            } catch (ConnectorException.Permanent e) {
                if (e.status() == 409 && e.getMessage().contains("(reset")) {
                    log.warn(
                            "Dropbox reset the list_folder cursor of connection {}: changes since the last poll"
                                    + " cannot be listed; watching from now on",
                            ctx.connection().id());
                    return new Poll(events, latest(ctx, settings));
                }
                throw e;
            }
            for (JsonNode m : r.path("entries")) {
                DropboxEntry entry = DropboxEntry.of(m);
                String key = switch (entry.kind()) {
                    case "file" -> "file:" + entry.id() + "@" + entry.rev();
                    case "folder" -> "folder:" + entry.id();
                    default -> "deleted:" + entry.pathLower() + "@" + seenFrom;
                };
                events.add(new TriggerEvent(
                        key,
                        instant(entry.serverModified()),
                        DropboxApi.JSON.valueToTree(new Event(entry.kind(), entry))));
            }
            next = r.path("cursor").asString(next);
            if (!r.path("has_more").asBoolean(false)) {
                break;
            }
        }
        return new Poll(events, next);
    }

    private static String latest(ActionContext ctx, JsonNode settings) {
        String path = settings == null ? null : DropboxEntry.text(settings, "path");
        JsonNode recursive = settings == null ? null : settings.get("recursive");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("path", DropboxApi.path(path, "path", true));
        args.put("recursive", recursive == null || !recursive.isBoolean() || recursive.asBoolean());
        args.put("include_deleted", true);
        return DropboxApi.rpc(ctx, "files/list_folder/get_latest_cursor", args, "path")
                .path("cursor")
                .asString();
    }

    private static String shortHash(String cursor) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cursor.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
