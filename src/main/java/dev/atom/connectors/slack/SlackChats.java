package dev.atom.connectors.slack;

import static dev.atom.connectors.slack.SlackApi.args;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.MessageText;
import dev.atom.connectors.SyncedMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What {@link SlackMessageFeed} reads: the conversations the bot is in (users.conversations), and a Slack message
 * as a {@link SyncedMessage} of kind chat, whose external id is {@code channel/ts} (what the inbox's reply and
 * thread actions take apart). Stateless.
 */
final class SlackChats {
    static final int MAX_LIST_PAGES = 20;
    static final int MAX_REPLY_PAGES = 5;

    private SlackChats() {}

    /** A conversation: {@code kind} is dm (im), group (mpim) or channel (public or private, the bot a member). */
    record Conversation(String id, String kind, String name) {}

    /**
     * Every DM and group DM of the bot, and the channels it is a member of (users.conversations, which lists only
     * those, unlike conversations.list, which pages through every public channel of the workspace).
     */
    static List<Conversation> conversations(ActionContext ctx) {
        List<Conversation> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            JsonNode r = SlackApi.get(
                    ctx,
                    "users.conversations",
                    args(
                            "types",
                            "im,mpim,public_channel,private_channel",
                            "exclude_archived",
                            "true",
                            "limit",
                            200,
                            "cursor",
                            cursor));
            for (JsonNode c : r.path("channels")) {
                String id = SlackDirectory.text(c.path("id"));
                if (id == null) {
                    continue;
                }
                if (c.path("is_im").asBoolean(false)) {
                    out.add(new Conversation(id, "dm", null));
                } else if (c.path("is_mpim").asBoolean(false)) {
                    out.add(new Conversation(id, "group", SlackDirectory.text(c.path("name"))));
                } else {
                    out.add(new Conversation(id, "channel", SlackDirectory.text(c.path("name"))));
                }
            }
            cursor = SlackConnector.cursor(r);
            if (cursor == null) {
                break;
            }
        }
        return out;
    }

    /** The replies of the thread {@code ts} (not the parent itself) after {@code oldest}, a few pages at most. */
    static List<JsonNode> replies(ActionContext ctx, String channel, String ts, String oldest) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_REPLY_PAGES; page++) {
            JsonNode r = SlackApi.get(
                    ctx,
                    "conversations.replies",
                    args("channel", channel, "ts", ts, "oldest", oldest, "limit", 200, "cursor", cursor));
            for (JsonNode m : r.path("messages")) {
                if (!ts.equals(SlackDirectory.text(m.path("ts")))) {
                    out.add(m);
                }
            }
            cursor = SlackConnector.cursor(r);
            if (cursor == null) {
                break;
            }
        }
        return out;
    }

    /** A message that is a person's (or bot's) post, not a join, topic change or other channel event. */
    static boolean isPost(JsonNode m) {
        String subtype = SlackDirectory.text(m.path("subtype"));
        return SlackDirectory.text(m.path("ts")) != null
                && (subtype == null
                        || subtype.equals("bot_message")
                        || subtype.equals("thread_broadcast")
                        || subtype.equals("file_share"));
    }

    /** Whether the message's text mentions {@code user} ({@code <@U123>} or {@code <@U123|name>}). */
    static boolean mentions(JsonNode m, String user) {
        String text = m.path("text").asString("");
        return user != null && (text.contains("<@" + user + ">") || text.contains("<@" + user + "|"));
    }

    /** The display name of a user, asked once per fetch (users.info); null when Slack does not say. */
    static String name(ActionContext ctx, String user, Map<String, String> names) {
        if (user == null) {
            return null;
        }
        return names.computeIfAbsent(user, u -> {
            try {
                JsonNode info = SlackApi.get(ctx, "users.info", args("user", u)).path("user");
                String real = SlackDirectory.text(info.path("real_name"));
                return real != null ? real : SlackDirectory.text(info.path("name"));
            } catch (ConnectorException.Permanent e) {
                return null; // a deleted user, or no users:read scope: the id stands alone
            }
        });
    }

    private static final Pattern SPECIAL = Pattern.compile("<([@#!])?([^<>|]+)(?:\\|([^<>]*))?>");

    /**
     * Slack's message markup as plain text: {@code <@U123>} as @name, {@code <#C123|general>} as #general,
     * {@code <https://x|label>} as its label (else the URL), {@code <!here>} as @here, and the three escapes
     * Slack writes ({@code &amp; &lt; &gt;}) undone. {@code name} gives a user's name (or null).
     */
    static String plain(String text, Function<String, String> name) {
        Matcher m = SPECIAL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String label = m.group(3);
            String shown;
            if ("@".equals(kind)) {
                String n = label != null && !label.isBlank() ? label : name.apply(m.group(2));
                shown = "@" + (n != null ? n : m.group(2));
            } else if ("#".equals(kind)) {
                shown = "#" + (label != null && !label.isBlank() ? label : m.group(2));
            } else if ("!".equals(kind)) {
                shown = label != null && !label.isBlank() ? label : "@" + m.group(2);
            } else {
                shown = label != null && !label.isBlank() ? label : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static SyncedMessage message(
            Conversation c, JsonNode m, String me, String teamUrl, Function<String, String> names) {
        String ts = m.path("ts").asString();
        String user = SlackDirectory.text(m.path("user"));
        if (user == null) {
            user = SlackDirectory.text(m.path("bot_id"));
        }
        String text = plain(m.path("text").asString(""), names);
        String fromName = SlackDirectory.text(m.path("user")) == null ? null : names.apply(user);
        String thread = SlackDirectory.text(m.path("thread_ts"));
        boolean direct = !c.kind().equals("channel");
        MessageText.Body body = MessageText.of(text, null);
        return new SyncedMessage(
                c.id() + "/" + ts,
                "chat",
                thread != null ? thread : ts,
                c.id(),
                user,
                fromName,
                List.of(),
                List.of(),
                switch (c.kind()) {
                    case "dm" -> "Direct message";
                    case "group" -> "Group message" + (c.name() == null ? "" : " " + c.name());
                    default -> "#" + (c.name() == null ? c.id() : c.name());
                },
                MessageText.snippet(text, 200),
                body.text(),
                received(ts),
                user == null || !user.equals(me),
                user != null && user.equals(me),
                direct,
                mentions(m, me),
                List.of(),
                null,
                teamUrl == null ? null : teamUrl + "archives/" + c.id() + "/p" + ts.replace(".", ""),
                List.of(),
                null,
                body.problem());
    }

    static Instant received(String ts) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            return Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return Instant.EPOCH;
        }
    }
}
