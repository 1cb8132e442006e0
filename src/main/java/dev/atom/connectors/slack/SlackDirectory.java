package dev.atom.connectors.slack;

import static dev.atom.connectors.slack.SlackApi.args;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Finding channels and people: conversations.list and users.lookupByEmail. */
final class SlackDirectory {
    private SlackDirectory() {}

    @Schema(description = "Which channels to list")
    record ChannelsInput(
            @Schema(description = "Also list private channels the bot is in") @Nullable
            Boolean includePrivate,

            @Schema(description = "At most this many channels (default 100)", minimum = 1, maximum = 1000) @Nullable
            Integer limit,

            @Schema(description = "The nextCursor of a previous page") @Nullable
            String cursor) {}

    @Schema(description = "One channel")
    record Channel(
            @Schema(description = "Channel id") String id,

            @Schema(description = "Channel name without #") String name,

            @Schema(description = "True for a private channel")
            boolean isPrivate,

            @Schema(description = "True when the bot is a member")
            boolean isMember,

            @Schema(description = "Number of members") @Nullable
            Integer memberCount,

            @Schema(description = "The channel's topic") @Nullable
            String topic) {}

    @Schema(description = "A page of channels")
    record Channels(
            @Schema(description = "The channels") List<Channel> channels,

            @Schema(description = "Pass as cursor to get the next page") @Nullable
            String nextCursor) {}

    @Schema(description = "Whom to look up")
    record LookupInput(
            @Schema(description = "The person's e-mail address", format = "email", examples = "\"ann@example.com\"")
            String email) {}

    @Schema(description = "A Slack user")
    record User(
            @Schema(description = "User id (U0123ABCD)") String id,

            @Schema(description = "User name") String name,

            @Schema(description = "Full name") @Nullable String realName,

            @Schema(description = "Display name") @Nullable String displayName,

            @Schema(description = "Time zone, e.g. Europe/Paris") @Nullable
            String timeZone,

            @Schema(description = "True for a bot user") boolean isBot) {}

    static final class ListChannels extends BaseAction<ChannelsInput, Channels> {
        ListChannels() {
            super(
                    "slack.list_channels",
                    "List channels",
                    "Lists the workspace's channels that are not archived, a page at a time.",
                    ChannelsInput.class,
                    Channels.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public Channels execute(ActionContext ctx, ChannelsInput in) {
            String types =
                    Boolean.TRUE.equals(in.includePrivate()) ? "public_channel,private_channel" : "public_channel";
            JsonNode r = SlackApi.get(
                    ctx,
                    "conversations.list",
                    args(
                            "exclude_archived",
                            "true",
                            "types",
                            types,
                            "limit",
                            in.limit() == null ? 100 : in.limit(),
                            "cursor",
                            in.cursor()));
            List<Channel> out = new ArrayList<>();
            for (JsonNode c : r.path("channels")) {
                JsonNode members = c.get("num_members");
                out.add(new Channel(
                        c.path("id").asString(),
                        c.path("name").asString(),
                        c.path("is_private").asBoolean(false),
                        c.path("is_member").asBoolean(false),
                        members == null || !members.isNumber() ? null : members.asInt(),
                        text(c.path("topic").path("value"))));
            }
            return new Channels(out, SlackConnector.cursor(r));
        }
    }

    static final class LookupUser extends BaseAction<LookupInput, User> {
        LookupUser() {
            super(
                    "slack.lookup_user",
                    "Find a user by e-mail",
                    "Finds the Slack user with an e-mail address.",
                    LookupInput.class,
                    User.class,
                    false,
                    Idempotency.NATURAL);
        }

        @Override
        public User execute(ActionContext ctx, LookupInput in) {
            JsonNode u = SlackApi.get(ctx, "users.lookupByEmail", args("email", in.email()))
                    .path("user");
            return new User(
                    u.path("id").asString(),
                    u.path("name").asString(),
                    text(u.path("real_name")),
                    text(u.path("profile").path("display_name")),
                    text(u.path("tz")),
                    u.path("is_bot").asBoolean(false));
        }
    }

    /** A non-empty string value, else null. */
    static String text(JsonNode n) {
        return n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }
}
