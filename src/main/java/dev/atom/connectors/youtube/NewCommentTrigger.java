package dev.atom.connectors.youtube;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code youtube.new_comment}: new top-level comments on one video, or on every video of the connected channel
 * ({@code allThreadsRelatedToChannelId}). YouTube notifies nobody, so Atom polls newest first: the cursor is the
 * newest comment time seen; a poll pages back until it meets a comment at or before it (at most {@link
 * #MAX_PAGES} pages). The first poll only sets the cursor. The comment's id is the event's key, so a comment
 * met twice (same second as the cursor) starts one run. Replies are not events. Stateless.
 */
final class NewCommentTrigger implements PollingTrigger {
    static final int MAX_PAGES = 5;

    @Schema(description = "Which comments to watch")
    record Settings(
            @Schema(description = "One video's id; left out, every video of the channel") @Nullable
            String videoId) {}

    @Override
    public String id() {
        return "youtube.new_comment";
    }

    @Override
    public String name() {
        return "New comment";
    }

    @Override
    public String description() {
        return "Starts when someone comments on the channel's videos (or one video) on YouTube.";
    }

    @Override
    public Class<Comments.Comment> eventType() {
        return Comments.Comment.class;
    }

    @Override
    public Class<? extends Record> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        return poll(context, null, cursor);
    }

    @Override
    public Poll poll(ActionContext context, JsonNode settings, String cursor) {
        String video = settings == null ? null : GoogleRest.text(settings, "videoId");
        String scope = video != null
                ? "videoId=" + GoogleRest.enc(video)
                : "allThreadsRelatedToChannelId="
                        + GoogleRest.enc(Videos.myChannel(context).path("id").asString(""));
        Instant since = instant(cursor);
        Instant newest = since;
        List<TriggerEvent> events = new ArrayList<>();
        String page = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            JsonNode r = GoogleRest.get(
                    context,
                    Videos.API + "/commentThreads?" + scope
                            + GoogleRest.query(
                                            "part",
                                            "snippet",
                                            "order",
                                            "time",
                                            "maxResults",
                                            100,
                                            "textFormat",
                                            "plainText",
                                            "pageToken",
                                            page)
                                    .replaceFirst("^\\?", "&"),
                    Videos.VIDEO);
            boolean older = false;
            for (JsonNode thread : r.path("items")) {
                Comments.Comment c = Comments.Comment.of(thread);
                Instant at = instant(c.publishedAt());
                if (at == null) {
                    continue;
                }
                newest = newest == null || at.isAfter(newest) ? at : newest;
                if (since == null || at.isBefore(since)) {
                    older = since != null;
                    continue;
                }
                events.add(new TriggerEvent(c.commentId(), at, GoogleRest.JSON.valueToTree(c)));
            }
            page = GoogleRest.text(r, "nextPageToken");
            if (since == null || older || page == null) {
                break; // the first poll only needs the newest time
            }
        }
        String next = newest == null ? context.clock().instant().toString() : newest.toString();
        return new Poll(events.reversed(), next);
    }

    private static Instant instant(String s) {
        try {
            return s == null || s.isEmpty() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
