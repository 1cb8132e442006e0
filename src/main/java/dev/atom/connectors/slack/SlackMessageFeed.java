package dev.atom.connectors.slack;

import static dev.atom.connectors.slack.SlackApi.args;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code slack.messages}: the bot's DMs and group DMs, and the messages of its channels that mention it. Slack's
 * search.messages needs a user token (search:read), and Atom connects Slack with a bot token, so every
 * conversation the bot is in is read with conversations.history from the newest ts it has seen ({@code oldest}),
 * a page of one conversation per fetch, with the replies of threads that have new ones (conversations.replies;
 * a new reply to a thread older than the last poll is seen at the daily round). History reports no deletions, so once a {@link #RECONCILE} period the
 * round lists each conversation's whole window instead and removes what is gone (the messages' ts synced are kept
 * per conversation in the cursor); messages already copied are not sent again, so what the person marked read in
 * Atom stays read. A conversation the bot left takes its messages with it. The cursor is JSON. Stateless.
 */
final class SlackMessageFeed implements SyncFeed {
    static final String ID = "slack.messages";
    static final Duration RECONCILE = Duration.ofHours(24);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedMessage.class;
    }

    @Override
    public SyncPage fetch(ActionContext ctx, SyncRequest request) {
        long now = ctx.clock().instant().getEpochSecond();
        ObjectNode cursor;
        if (request.cursor() == null) {
            JsonNode who = SlackApi.get(ctx, "auth.test", args());
            cursor = SlackApi.JSON.createObjectNode();
            cursor.put("me", SlackDirectory.text(who.path("user_id")));
            cursor.put("url", SlackDirectory.text(who.path("url")));
            cursor.putObject("convs");
            cursor.put("at", 0);
        } else {
            cursor = parse(request.cursor());
            if (cursor == null) {
                return SyncPage.cursorExpired(); // a cursor of another version: start again
            }
        }
        List<SyncChange> changes = new ArrayList<>();
        ObjectNode convs = (ObjectNode) cursor.get("convs");
        if (cursor.path("at").asInt() == 0 && !cursor.has("page")) {
            startRound(ctx, cursor, convs, changes, now);
        }
        List<String> order = new ArrayList<>(convs.propertyNames());
        int at = cursor.path("at").asInt();
        if (at >= order.size()) {
            cursor.put("at", 0);
            return SyncPage.done(changes, cursor.toString());
        }
        ObjectNode conv = (ObjectNode) convs.get(order.get(at));
        boolean all = cursor.path("all").asBoolean(false) || !conv.has("last");
        String oldest = all
                ? (request.windowStart() == null
                        ? "0"
                        : String.valueOf(request.windowStart().getEpochSecond()))
                : conv.path("last").asString();
        var c = new SlackChats.Conversation(
                order.get(at), conv.path("kind").asString(), SlackDirectory.text(conv.path("name")));
        JsonNode r = SlackApi.get(
                ctx,
                "conversations.history",
                args(
                        "channel",
                        c.id(),
                        "oldest",
                        oldest,
                        "limit",
                        Math.clamp(request.pageSize(), 1, 999),
                        "cursor",
                        SlackDirectory.text(cursor.path("page"))));
        Set<String> known = strings(conv.path("known"));
        ArrayNode seen = cursor.has("seen") ? (ArrayNode) cursor.get("seen") : cursor.putArray("seen");
        String top = SlackDirectory.text(cursor.path("top"));
        var pass = new Pass(
                ctx,
                c,
                SlackDirectory.text(cursor.path("me")),
                SlackDirectory.text(cursor.path("url")),
                known,
                seen,
                changes,
                new HashMap<>());
        String last = conv.has("last") ? conv.path("last").asString() : null;
        for (JsonNode m : r.path("messages")) {
            String ts = SlackDirectory.text(m.path("ts"));
            if (ts == null) {
                continue;
            }
            top = top == null || newer(ts, top) ? ts : top;
            pass.take(m);
            String latestReply = SlackDirectory.text(m.path("latest_reply"));
            if (m.path("reply_count").asInt(0) > 0 && latestReply != null && (all || newer(latestReply, last))) {
                SlackChats.replies(ctx, c.id(), ts, oldest).forEach(pass::take);
            }
        }
        if (top != null) {
            cursor.put("top", top);
        }
        String next = SlackConnector.cursor(r);
        if (next != null && r.path("has_more").asBoolean(true)) {
            cursor.put("page", next);
            conv.set("known", array(known));
            return SyncPage.more(changes, cursor.toString());
        }
        // this conversation is done for the round
        if (all) {
            Set<String> stillThere = strings(seen);
            for (String ts : known) {
                if (!stillThere.contains(ts)) {
                    changes.add(new SyncChange.Removed(c.id() + "/" + ts));
                }
            }
            known = stillThere;
        }
        conv.set("known", array(known));
        if (top != null && (!conv.has("last") || newer(top, conv.path("last").asString()))) {
            conv.put("last", top);
        }
        cursor.remove(List.of("page", "top", "seen"));
        if (at + 1 < order.size()) {
            cursor.put("at", at + 1);
            return SyncPage.more(changes, cursor.toString());
        }
        cursor.put("at", 0);
        cursor.remove("all");
        return SyncPage.done(changes, cursor.toString());
    }

    /**
     * A round begins: the conversation list may have changed (a new DM, a channel joined or left), and once a
     * {@link #RECONCILE} period the round lists every conversation's whole window.
     */
    private static void startRound(
            ActionContext ctx, ObjectNode cursor, ObjectNode convs, List<SyncChange> changes, long now) {
        List<SlackChats.Conversation> current = SlackChats.conversations(ctx);
        Set<String> ids = new HashSet<>();
        for (SlackChats.Conversation c : current) {
            ids.add(c.id());
            ObjectNode conv = convs.has(c.id()) ? (ObjectNode) convs.get(c.id()) : convs.putObject(c.id());
            conv.put("kind", c.kind());
            conv.put("name", c.name());
        }
        for (String id : new ArrayList<>(convs.propertyNames())) {
            if (!ids.contains(id)) {
                strings(convs.path(id).path("known")).forEach(ts -> changes.add(new SyncChange.Removed(id + "/" + ts)));
                convs.remove(id);
            }
        }
        long reconciled = cursor.path("reconciledAt").asLong(0);
        if (now - reconciled >= RECONCILE.toSeconds()) {
            cursor.put("all", true);
            cursor.put("reconciledAt", now);
        }
    }

    /** One conversation's page: what to copy (a group's or DM's every post, a channel's mentions), once. */
    private record Pass(
            ActionContext ctx,
            SlackChats.Conversation c,
            String me,
            String url,
            Set<String> known,
            ArrayNode seen,
            List<SyncChange> changes,
            Map<String, String> names) {

        void take(JsonNode m) {
            String ts = SlackDirectory.text(m.path("ts"));
            if (ts == null || !SlackChats.isPost(m) || (c.kind().equals("channel") && !SlackChats.mentions(m, me))) {
                return;
            }
            seen.add(ts);
            if (known.add(ts)) {
                SyncedMessage message = SlackChats.message(c, m, me, url, u -> SlackChats.name(ctx, u, names));
                changes.add(new SyncChange.Upsert(message));
            }
        }
    }

    /** Slack timestamps ("1700000000.000100") compared as the decimal numbers they are; null is oldest. */
    static boolean newer(String a, String b) {
        return b == null || new BigDecimal(a).compareTo(new BigDecimal(b)) > 0;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private static ArrayNode array(Set<String> values) {
        ArrayNode out = SlackApi.JSON.createArrayNode();
        values.stream().sorted().forEach(out::add);
        return out;
    }

    private static ObjectNode parse(String cursor) {
        try {
            return SlackApi.JSON.readTree(cursor) instanceof ObjectNode o && o.get("convs") instanceof ObjectNode
                    ? o
                    : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
