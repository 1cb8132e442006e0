package dev.atom.connectors.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.TriggerEvent;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.GoogleConnectorTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The YouTube Data API v3 connector against WireMock, checked against google-youtube.json. */
@StubMount(property = "ATOM_YOUTUBE_BASE_URL", path = YouTubeConnectorTest.MOUNT)
class YouTubeConnectorTest extends GoogleConnectorTestBase {
    static final String MOUNT = "/google-youtube";
    static final String API = MOUNT + "/youtube/v3";
    static final String CHANNEL = "{\"items\":[{\"id\":\"UC123\",\"snippet\":{\"title\":\"Gina Bakes\"},"
            + "\"contentDetails\":{\"relatedPlaylists\":{\"uploads\":\"UU123\"}}}]}";

    @Override
    protected String connectorId() {
        return "youtube";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "youtube.list_my_videos",
                "youtube.get_video_stats",
                "youtube.list_comments",
                "youtube.reply_to_comment");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(OpenApiContract.strict("google-youtube.json", "", spec -> {}));
    }

    static String thread(String id, String author, String text, String at) {
        return "{\"id\":\"" + id + "\",\"snippet\":{\"videoId\":\"v1\",\"totalReplyCount\":1,\"topLevelComment\":"
                + "{\"id\":\"" + id + "\",\"snippet\":{\"videoId\":\"v1\",\"authorDisplayName\":\"" + author
                + "\",\"textOriginal\":\"" + text + "\",\"likeCount\":3,\"publishedAt\":\"" + at + "\"}}}}";
    }

    private static void channel() {
        STUB.stubFor(get(urlPathEqualTo(API + "/channels")).willReturn(json(CHANNEL)));
    }

    @Test
    void healthNamesTheChannelAndAScopeMissingNeedsReconnecting() {
        channel();
        var ok = test();
        assertThat(ok.json().get("status").asString()).isEqualTo("connected");
        assertThat(connection().json().get("account").asString()).isEqualTo("Gina Bakes");
        STUB.verify(getRequestedFor(urlPathEqualTo(API + "/channels")).withQueryParam("mine", equalTo("true")));
        STUB.stubFor(get(urlPathEqualTo(API + "/channels"))
                .willReturn(error(403, "insufficientPermissions", "Request had insufficient authentication scopes.")));
        assertThat(test().json().get("status").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void listsMyVideosFromTheUploadsPlaylist() {
        channel();
        STUB.stubFor(get(urlPathEqualTo(API + "/playlistItems"))
                .willReturn(json("{\"items\":[{\"snippet\":{\"title\":\"Sourdough\"},\"contentDetails\":{\"videoId\":"
                        + "\"v1\",\"videoPublishedAt\":\"2026-11-30T10:00:00Z\"}}],\"nextPageToken\":\"CAUQAA\"}")));
        JsonNode out = output("youtube.list_my_videos", Map.of("limit", 5));
        assertThat(out.at("/videos/0/link").asString()).isEqualTo("https://www.youtube.com/watch?v=v1");
        assertThat(out.get("nextPageToken").asString()).isEqualTo("CAUQAA");
        STUB.verify(getRequestedFor(urlPathEqualTo(API + "/playlistItems"))
                .withQueryParam("playlistId", equalTo("UU123"))
                .withQueryParam("maxResults", equalTo("5")));
    }

    @Test
    void readsStatisticsAndAnUnknownVideoIsNotFound() {
        STUB.stubFor(get(urlPathEqualTo(API + "/videos"))
                .withQueryParam("id", equalTo("v1"))
                .willReturn(json("{\"items\":[{\"id\":\"v1\",\"snippet\":{\"title\":\"Sourdough\"},\"statistics\":"
                        + "{\"viewCount\":\"1500\",\"likeCount\":\"90\",\"favoriteCount\":\"0\"}}]}")));
        JsonNode stats = output("youtube.get_video_stats", Map.of("videoId", "v1"));
        assertThat(stats.get("views").asLong()).isEqualTo(1500);
        assertThat(stats.get("likes").asLong()).isEqualTo(90);
        assertThat(stats.get("comments").isNull()).as("comments off").isTrue();

        STUB.stubFor(get(urlPathEqualTo(API + "/videos"))
                .withQueryParam("id", equalTo("nope"))
                .willReturn(json("{\"items\":[]}")));
        var missing = run("youtube.get_video_stats", Map.of("videoId", "nope"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("videoId: the video was not found");
    }

    @Test
    void listsCommentsAndReplies() {
        STUB.stubFor(get(urlPathEqualTo(API + "/commentThreads"))
                .willReturn(json("{\"items\":[" + thread("c1", "Bo", "Great crumb!", "2026-12-01T10:00:00Z") + "]}")));
        JsonNode page = output("youtube.list_comments", Map.of("videoId", "v1"));
        assertThat(page.at("/comments/0/text").asString()).isEqualTo("Great crumb!");
        assertThat(page.at("/comments/0/replies").asLong()).isEqualTo(1);
        STUB.verify(getRequestedFor(urlPathEqualTo(API + "/commentThreads"))
                .withQueryParam("videoId", equalTo("v1"))
                .withQueryParam("order", equalTo("time")));

        STUB.stubFor(post(urlPathEqualTo(API + "/comments"))
                .willReturn(json("{\"id\":\"c1.r9\",\"snippet\":{\"parentId\":\"c1\",\"textOriginal\":\"Thanks!\"}}")));
        JsonNode reply = output("youtube.reply_to_comment", Map.of("commentId", "c1", "text", "Thanks!"));
        assertThat(reply.get("replyId").asString()).isEqualTo("c1.r9");
        STUB.verify(postRequestedFor(urlPathEqualTo(API + "/comments"))
                .withQueryParam("part", equalTo("snippet"))
                .withRequestBody(equalToJson("{\"snippet\":{\"parentId\":\"c1\",\"textOriginal\":\"Thanks!\"}}")));

        STUB.stubFor(get(urlPathEqualTo(API + "/commentThreads"))
                .willReturn(error(
                        403,
                        "quotaExceeded",
                        "The request cannot be completed because you have exceeded your quota.")));
        assertThat(run("youtube.list_comments", Map.of("videoId", "v1")).status())
                .isEqualTo(503);
        STUB.stubFor(get(urlPathEqualTo(API + "/commentThreads"))
                .willReturn(error(403, "commentsDisabled", "The video has disabled comments.")));
        var off = run("youtube.list_comments", Map.of("videoId", "v1"));
        assertThat(off.status()).isIn(400, 403, 422);
        assertThat(off.toString()).contains("videoId").contains("disabled comments");
    }

    @Test
    void newCommentsOnTheChannelStartRunsOnceEach() {
        channel();
        STUB.stubFor(get(urlPathEqualTo(API + "/commentThreads"))
                .willReturn(json("{\"items\":[" + thread("c1", "Bo", "Hi", "2026-12-01T10:00:00Z") + "]}")));
        var first = poll("youtube.new_comment", Map.of(), null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).isEqualTo("2026-12-01T10:00:00Z");
        STUB.verify(getRequestedFor(urlPathEqualTo(API + "/commentThreads"))
                .withQueryParam("allThreadsRelatedToChannelId", equalTo("UC123")));

        STUB.stubFor(get(urlPathEqualTo(API + "/commentThreads"))
                .willReturn(json("{\"items\":[" + thread("c3", "Di", "Recipe?", "2026-12-02T09:00:00Z") + ","
                        + thread("c2", "Cy", "Yum", "2026-12-01T12:00:00Z") + ","
                        + thread("c1", "Bo", "Hi", "2026-12-01T10:00:00Z") + ","
                        + thread("c0", "Al", "Old", "2026-11-01T10:00:00Z") + "],\"nextPageToken\":\"p2\"}")));
        var second = poll("youtube.new_comment", Map.of("videoId", "v1"), first.cursor());
        assertThat(second.events()).extracting(TriggerEvent::dedupKey).containsExactly("c1", "c2", "c3");
        assertThat(second.events().getLast().payload().get("author").asString()).isEqualTo("Di");
        assertThat(second.cursor()).isEqualTo("2026-12-02T09:00:00Z");
        STUB.verify(
                1, getRequestedFor(urlPathEqualTo(API + "/commentThreads")).withQueryParam("videoId", equalTo("v1")));
    }
}
