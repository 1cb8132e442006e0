package dev.atom.connectors.youtube;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A video's comment threads, and replying to one (posted publicly as the channel). */
final class Comments {
    private Comments() {}

    @Schema(description = "Whose comments to list")
    record ListInput(
            @Schema(description = "The video's id") String videoId,

            @Schema(description = "Comments per page (1-100, default 20)", minimum = 1, maximum = 100) @Nullable
            Integer limit,

            @Schema(description = "The next page's token, from a previous answer") @Nullable
            String pageToken) {}

    @Schema(description = "A top-level comment")
    record Comment(
            @Schema(description = "The comment's id (reply to it with youtube.reply_to_comment)")
            String commentId,

            @Schema(description = "The video's id") String videoId,

            @Schema(description = "Who wrote it (display name)")
            String author,

            @Schema(description = "Its text") String text,

            @Schema(description = "Likes") long likes,

            @Schema(description = "Replies") long replies,

            @Schema(description = "When it was written", format = "date-time")
            String publishedAt) {

        static Comment of(JsonNode thread) {
            JsonNode top = thread.path("snippet").path("topLevelComment");
            JsonNode s = top.path("snippet");
            return new Comment(
                    top.path("id").asString(thread.path("id").asString("")),
                    s.path("videoId")
                            .asString(thread.path("snippet").path("videoId").asString("")),
                    s.path("authorDisplayName").asString(""),
                    s.path("textOriginal").asString(s.path("textDisplay").asString("")),
                    s.path("likeCount").asLong(0),
                    thread.path("snippet").path("totalReplyCount").asLong(0),
                    s.path("publishedAt").asString(""));
        }
    }

    @Schema(description = "A video's comments, newest first")
    record CommentsPage(
            @Schema(description = "The comments") List<Comment> comments,

            @Schema(description = "The next page's token, when there are more") @Nullable
            String nextPageToken) {}

    @Schema(description = "A reply to a comment")
    record ReplyInput(
            @Schema(description = "The top-level comment's id")
            String commentId,

            @Schema(description = "The reply's text", minLength = 1, maxLength = 10000)
            String text) {}

    @Schema(description = "The posted reply")
    record Reply(
            @Schema(description = "The reply's id") String replyId,

            @Schema(description = "The comment it answers") String commentId,

            @Schema(description = "Its text") String text) {}

    static final Action<ListInput, CommentsPage> LIST_COMMENTS = BaseAction.read(
            "youtube.list_comments",
            "List comments",
            "Lists a YouTube video's top-level comments, newest first.",
            ListInput.class,
            CommentsPage.class,
            Comments::list);

    // YouTube takes no idempotency key: replying twice posts twice
    static final Action<ReplyInput, Reply> REPLY_TO_COMMENT = BaseAction.write(
                    "youtube.reply_to_comment",
                    "Reply to a comment",
                    "Posts a public reply to a YouTube comment as the connected channel.",
                    ReplyInput.class,
                    Reply.class,
                    Idempotency.NONE,
                    Comments::reply)
            .reachingPeople();

    private static CommentsPage list(ActionContext ctx, ListInput in) {
        JsonNode r = GoogleRest.get(
                ctx,
                Videos.API + "/commentThreads"
                        + GoogleRest.query(
                                "part",
                                "snippet",
                                "videoId",
                                GoogleRest.required(in.videoId(), "videoId"),
                                "maxResults",
                                in.limit() == null ? 20 : Math.clamp(in.limit(), 1, 100),
                                "order",
                                "time",
                                "textFormat",
                                "plainText",
                                "pageToken",
                                in.pageToken()),
                Videos.VIDEO);
        List<Comment> out = new ArrayList<>();
        r.path("items").forEach(t -> out.add(Comment.of(t)));
        return new CommentsPage(out, GoogleRest.text(r, "nextPageToken"));
    }

    private static Reply reply(ActionContext ctx, ReplyInput in) {
        String parent = GoogleRest.required(in.commentId(), "commentId");
        JsonNode r = GoogleRest.call(
                ctx,
                "POST",
                Videos.API + "/comments" + GoogleRest.query("part", "snippet"),
                Map.of("snippet", Map.of("parentId", parent, "textOriginal", in.text())),
                Blame.of("commentId", "the comment"));
        return new Reply(
                r.path("id").asString(""),
                parent,
                r.path("snippet").path("textOriginal").asString(in.text()));
    }
}
