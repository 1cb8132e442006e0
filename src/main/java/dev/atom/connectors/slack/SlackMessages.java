package dev.atom.connectors.slack;

import static dev.atom.connectors.slack.SlackApi.args;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Posting and reading messages: chat.postMessage (also in a thread) and conversations.history. */
final class SlackMessages {
    private SlackMessages() {}

    @Schema(description = "A message to post in a channel")
    record PostInput(
            @Schema(description = "Channel id (C0123ABCD) or name (#general) to post in", examples = "\"#general\"")
            String channel,

            @Schema(description = "The message text (Slack mrkdwn)", minLength = 1, maxLength = 40000)
            String text) {}

    @Schema(description = "A reply in a message's thread")
    record ReplyInput(
            @Schema(description = "Channel id of the thread's parent message", examples = "\"C0123ABCD\"")
            String channel,

            @Schema(description = "The parent message's ts", examples = "\"1700000000.000100\"")
            String threadTs,

            @Schema(description = "The reply text (Slack mrkdwn)", minLength = 1, maxLength = 40000)
            String text,

            @Schema(description = "Also show the reply in the channel") @Nullable
            Boolean broadcast) {}

    @Schema(description = "The posted message")
    record Posted(
            @Schema(description = "Channel id the message is in")
            String channel,

            @Schema(description = "The message's ts, its id within the channel")
            String ts) {}

    @Schema(description = "Which messages of a channel to read, newest first")
    record HistoryInput(
            @Schema(description = "Channel id", examples = "\"C0123ABCD\"")
            String channel,

            @Schema(description = "At most this many messages (default 50)", minimum = 1, maximum = 200) @Nullable
            Integer limit,

            @Schema(description = "Only messages after this ts") @Nullable
            String oldest,

            @Schema(description = "The nextCursor of a previous page") @Nullable
            String cursor) {}

    @Schema(description = "One message")
    record Message(
            @Schema(description = "The message's ts") String ts,

            @Schema(description = "The author's user id (absent for bots)") @Nullable
            String user,

            @Schema(description = "The text") @Nullable String text,

            @Schema(description = "The thread's parent ts when it is in a thread") @Nullable
            String threadTs,

            @Schema(description = "Number of replies when it starts a thread")
            int replyCount) {}

    @Schema(description = "A page of messages")
    record History(
            @Schema(description = "Messages, newest first") List<Message> messages,

            @Schema(description = "True when older messages remain")
            boolean hasMore,

            @Schema(description = "Pass as cursor to get the next page") @Nullable
            String nextCursor) {}

    // Slack takes no idempotency key: a repeated post is a second message (reads are safe to repeat)
    static final class Post extends BaseAction<PostInput, Posted> {
        Post() {
            super(
                    "slack.post_message",
                    "Post a message",
                    "Posts a message to a Slack channel as the bot.",
                    PostInput.class,
                    Posted.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public boolean reachesPeople() {
            return true;
        }

        @Override
        public Posted execute(ActionContext ctx, PostInput in) {
            JsonNode r = SlackApi.post(ctx, "chat.postMessage", args("channel", in.channel(), "text", in.text()));
            return new Posted(r.path("channel").asString(), r.path("ts").asString());
        }
    }

    static final class Reply extends BaseAction<ReplyInput, Posted> {
        Reply() {
            super(
                    "slack.reply_in_thread",
                    "Reply in a thread",
                    "Replies in the thread of a Slack message, optionally also showing it in the channel.",
                    ReplyInput.class,
                    Posted.class,
                    true,
                    Idempotency.NONE);
        }

        @Override
        public boolean reachesPeople() {
            return true;
        }

        @Override
        public Posted execute(ActionContext ctx, ReplyInput in) {
            JsonNode r = SlackApi.post(
                    ctx,
                    "chat.postMessage",
                    args(
                            "channel",
                            in.channel(),
                            "thread_ts",
                            in.threadTs(),
                            "text",
                            in.text(),
                            "reply_broadcast",
                            Boolean.TRUE.equals(in.broadcast()) ? "true" : null));
            return new Posted(r.path("channel").asString(), r.path("ts").asString());
        }
    }

    static final class ReadHistory extends BaseAction<HistoryInput, History> {
        ReadHistory() {
            super(
                    "slack.read_history",
                    "Read channel history",
                    "Reads a Slack channel's recent messages, newest first, a page at a time.",
                    HistoryInput.class,
                    History.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public History execute(ActionContext ctx, HistoryInput in) {
            JsonNode r = SlackApi.get(
                    ctx,
                    "conversations.history",
                    args(
                            "channel",
                            in.channel(),
                            "limit",
                            in.limit() == null ? 50 : in.limit(),
                            "oldest",
                            in.oldest(),
                            "cursor",
                            in.cursor()));
            List<Message> messages = new ArrayList<>();
            for (JsonNode m : r.path("messages")) {
                messages.add(new Message(
                        m.path("ts").asString(),
                        m.path("user").asString(null),
                        m.path("text").asString(null),
                        m.path("thread_ts").asString(null),
                        m.path("reply_count").asInt(0)));
            }
            return new History(messages, r.path("has_more").asBoolean(false), SlackConnector.cursor(r));
        }
    }
}
