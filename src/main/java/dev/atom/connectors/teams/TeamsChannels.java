package dev.atom.connectors.teams;

import static dev.atom.connectors.MicrosoftGraph.id;
import static dev.atom.connectors.MicrosoftGraph.query;
import static dev.atom.connectors.MicrosoftGraph.text;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Joined teams, their channels, and channel messages: read, post, reply. */
final class TeamsChannels {
    static final String TEAM = "the team";
    static final String CHANNEL = "the channel";

    private TeamsChannels() {}

    @Schema(description = "No input")
    record NoInput() {}

    @Schema(description = "A team the person is a member of")
    record Team(
            @Schema(description = "Team id") String id,

            @Schema(description = "Name") String name,

            @Schema(description = "Description") @Nullable String description) {}

    @Schema(description = "The person's teams")
    record Teams(@Schema(description = "The teams") List<Team> teams) {}

    @Schema(description = "Whose channels to list")
    record TeamInput(
            @Schema(description = "The team's id (from teams.list_teams)")
            String teamId) {}

    @Schema(description = "A channel of a team")
    record Channel(
            @Schema(description = "Channel id") String id,

            @Schema(description = "Name") String name,

            @Schema(description = "standard, private or shared") @Nullable
            String membershipType) {}

    @Schema(description = "The channels of a team")
    record Channels(@Schema(description = "The channels") List<Channel> channels) {}

    @Schema(description = "Which channel's messages to read")
    record ReadInput(
            @Schema(description = "The team's id") String teamId,

            @Schema(description = "The channel's id (from teams.list_channels)")
            String channelId,

            @Schema(description = "At most this many, newest first (default 20)", minimum = 1, maximum = 50) @Nullable
            Integer limit) {}

    @Schema(description = "Messages")
    record Messages(@Schema(description = "The messages") List<TeamsMessage> messages) {}

    @Schema(description = "A message to post in a channel")
    record PostInput(
            @Schema(description = "The team's id") String teamId,

            @Schema(description = "The channel's id") String channelId,

            @Schema(description = "The text", minLength = 1, maxLength = 28000)
            String text,

            @Schema(description = "A subject line for the post", maxLength = 255) @Nullable
            String subject) {}

    @Schema(description = "A reply to a channel message")
    record ReplyInput(
            @Schema(description = "The team's id") String teamId,

            @Schema(description = "The channel's id") String channelId,

            @Schema(description = "The message being answered")
            String messageId,

            @Schema(description = "The text", minLength = 1, maxLength = 28000)
            String text) {}

    static final Action<NoInput, Teams> LIST_TEAMS = BaseAction.read(
            "teams.list_teams",
            "List teams",
            "Lists the Microsoft Teams teams the person is a member of.",
            NoInput.class,
            Teams.class,
            (ctx, in) -> teams(ctx));

    static final Action<TeamInput, Channels> LIST_CHANNELS = BaseAction.read(
            "teams.list_channels",
            "List channels",
            "Lists the channels of a team.",
            TeamInput.class,
            Channels.class,
            TeamsChannels::channels);

    static final Action<ReadInput, Messages> READ_CHANNEL = BaseAction.read(
            "teams.read_channel_messages",
            "Read channel messages",
            "Reads the latest messages of a Teams channel, newest first.",
            ReadInput.class,
            Messages.class,
            TeamsChannels::read);

    // Graph takes no idempotency key for messages: a retry would post twice
    static final Action<PostInput, TeamsMessage> POST = BaseAction.write(
                    "teams.post_channel_message",
                    "Post in a channel",
                    "Posts a new message in a Teams channel.",
                    PostInput.class,
                    TeamsMessage.class,
                    Idempotency.NONE,
                    TeamsChannels::post)
            .reachingPeople();

    static final Action<ReplyInput, TeamsMessage> REPLY = BaseAction.write(
                    "teams.reply_to_message",
                    "Reply to a channel message",
                    "Replies in the thread of a Teams channel message.",
                    ReplyInput.class,
                    TeamsMessage.class,
                    Idempotency.NONE,
                    TeamsChannels::reply)
            .reachingPeople();

    private static Teams teams(ActionContext ctx) {
        JsonNode page =
                MicrosoftGraph.get(ctx, "/me/joinedTeams" + query("$select", "id,displayName,description"), null, null);
        List<Team> out = new ArrayList<>();
        page.path("value")
                .forEach(t -> out.add(
                        new Team(t.path("id").asString(), t.path("displayName").asString(""), text(t, "description"))));
        return new Teams(out);
    }

    private static Channels channels(ActionContext ctx, TeamInput in) {
        JsonNode page = MicrosoftGraph.get(
                ctx,
                "/teams/" + id(in.teamId(), "teamId") + "/channels" + query("$select", "id,displayName,membershipType"),
                "teamId",
                TEAM);
        List<Channel> out = new ArrayList<>();
        page.path("value")
                .forEach(c -> out.add(new Channel(
                        c.path("id").asString(), c.path("displayName").asString(""), text(c, "membershipType"))));
        return new Channels(out);
    }

    private static Messages read(ActionContext ctx, ReadInput in) {
        JsonNode page = MicrosoftGraph.get(
                ctx,
                channelPath(in.teamId(), in.channelId()) + "/messages"
                        + query("$top", in.limit() == null ? 20 : in.limit()),
                "channelId",
                CHANNEL);
        return messages(page);
    }

    private static TeamsMessage post(ActionContext ctx, PostInput in) {
        Map<String, Object> body = new LinkedHashMap<>(content(in.text()));
        if (in.subject() != null && !in.subject().isBlank()) {
            body.put("subject", in.subject().strip());
        }
        return TeamsMessage.of(MicrosoftGraph.call(
                ctx, "POST", channelPath(in.teamId(), in.channelId()) + "/messages", body, "channelId", CHANNEL));
    }

    private static TeamsMessage reply(ActionContext ctx, ReplyInput in) {
        String path =
                channelPath(in.teamId(), in.channelId()) + "/messages/" + id(in.messageId(), "messageId") + "/replies";
        return TeamsMessage.of(
                MicrosoftGraph.call(ctx, "POST", path, content(in.text()), "messageId", "the channel message"));
    }

    static String channelPath(String teamId, String channelId) {
        return "/teams/" + id(teamId, "teamId") + "/channels/" + id(channelId, "channelId");
    }

    /** A chatMessage body: Graph needs only {@code body.content}; text is sent as text. */
    static Map<String, Object> content(String text) {
        if (text == null || text.isBlank()) {
            throw new ConnectorException.InvalidInput("text", "is required");
        }
        return Map.of("body", Map.of("contentType", "text", "content", text));
    }

    static Messages messages(JsonNode page) {
        List<TeamsMessage> out = new ArrayList<>();
        for (JsonNode m : page.path("value")) {
            // system events (member added, call ended) and deleted messages are not messages to read
            boolean deleted = text(m, "deletedDateTime") != null;
            if (m.path("messageType").asString("message").equals("message") && !deleted) {
                out.add(TeamsMessage.of(m));
            }
        }
        return new Messages(out);
    }
}
