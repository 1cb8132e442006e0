package dev.atom.connectors.youtube;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The connected channel's uploads and a video's statistics. */
final class Videos {
    static final String API = "/youtube/v3";
    static final Blame VIDEO = Blame.of("videoId", "the video");

    private Videos() {}

    @Schema(description = "Which page of the channel's videos")
    record ListInput(
            @Schema(description = "Videos per page (1-50, default 25)", minimum = 1, maximum = 50) @Nullable
            Integer limit,

            @Schema(description = "The next page's token, from a previous answer") @Nullable
            String pageToken) {}

    @Schema(description = "A video of the channel")
    record Video(
            @Schema(description = "The video's id") String videoId,

            @Schema(description = "Title") String title,

            @Schema(description = "When it was published", format = "date-time") @Nullable
            String publishedAt,

            @Schema(description = "Its page", format = "uri")
            String link) {}

    @Schema(description = "The channel's videos, newest first")
    record VideosPage(
            @Schema(description = "The videos") List<Video> videos,

            @Schema(description = "The next page's token, when there are more") @Nullable
            String nextPageToken) {}

    @Schema(description = "Which video")
    record StatsInput(
            @Schema(description = "The video's id (v= in its URL)")
            String videoId) {}

    @Schema(description = "A video's statistics")
    record Stats(
            @Schema(description = "The video's id") String videoId,

            @Schema(description = "Title") String title,

            @Schema(description = "Views") long views,

            @Schema(description = "Likes (null when the owner hides them)") @Nullable
            Long likes,

            @Schema(description = "Comments (null when comments are off)") @Nullable
            Long comments,

            @Schema(description = "Favourites") long favorites) {}

    static final Action<ListInput, VideosPage> LIST_MY_VIDEOS = BaseAction.read(
            "youtube.list_my_videos",
            "List my videos",
            "Lists the connected YouTube channel's uploaded videos, newest first.",
            ListInput.class,
            VideosPage.class,
            Videos::list);

    static final Action<StatsInput, Stats> GET_VIDEO_STATS = BaseAction.read(
            "youtube.get_video_stats",
            "Get a video's statistics",
            "Reads a YouTube video's views, likes and comment count.",
            StatsInput.class,
            Stats.class,
            Videos::stats);

    /** The connected channel ({@code channels?mine=true}) with its snippet and uploads playlist. */
    static JsonNode myChannel(ActionContext ctx) {
        JsonNode channel = GoogleRest.get(
                        ctx, API + "/channels" + GoogleRest.query("part", "snippet,contentDetails", "mine", true), null)
                .path("items")
                .path(0);
        if (channel.isMissingNode()) {
            throw new ConnectorException.Permanent(404, "the connected Google account has no YouTube channel");
        }
        return channel;
    }

    private static VideosPage list(ActionContext ctx, ListInput in) {
        String uploads = myChannel(ctx)
                .path("contentDetails")
                .path("relatedPlaylists")
                .path("uploads")
                .asString("");
        JsonNode r = GoogleRest.get(
                ctx,
                API + "/playlistItems"
                        + GoogleRest.query(
                                "part",
                                "snippet,contentDetails",
                                "playlistId",
                                uploads,
                                "maxResults",
                                in.limit() == null ? 25 : Math.clamp(in.limit(), 1, 50),
                                "pageToken",
                                in.pageToken()),
                Blame.of("pageToken", "the page"));
        List<Video> out = new ArrayList<>();
        for (JsonNode item : r.path("items")) {
            String id = item.path("contentDetails").path("videoId").asString("");
            out.add(new Video(
                    id,
                    item.path("snippet").path("title").asString(""),
                    GoogleRest.text(item.path("contentDetails"), "videoPublishedAt"),
                    "https://www.youtube.com/watch?v=" + id));
        }
        return new VideosPage(out, GoogleRest.text(r, "nextPageToken"));
    }

    private static Stats stats(ActionContext ctx, StatsInput in) {
        String id = GoogleRest.required(in.videoId(), "videoId");
        JsonNode video = GoogleRest.get(
                        ctx, API + "/videos" + GoogleRest.query("part", "snippet,statistics", "id", id), VIDEO)
                .path("items")
                .path(0);
        if (video.isMissingNode()) {
            // videos.list answers an empty list, not 404, for an id it does not know
            throw new ConnectorException.NotFound("videoId", "the video");
        }
        JsonNode s = video.path("statistics");
        return new Stats(
                id,
                video.path("snippet").path("title").asString(""),
                s.path("viewCount").asLong(0),
                count(s, "likeCount"),
                count(s, "commentCount"),
                s.path("favoriteCount").asLong(0));
    }

    /** YouTube sends counts as strings, and leaves out the ones the owner hides. */
    private static Long count(JsonNode stats, String field) {
        String v = GoogleRest.text(stats, field);
        return v == null ? null : Long.parseLong(v);
    }
}
