package dev.atom.connectors.teams;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.GraphDelta;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code teams.new_channel_message}: a new message in the chosen channel, by the channel's messages delta query.
 * Graph's change notifications for messages need a public HTTPS endpoint that Graph validates, and come with
 * encrypted resource data rather than a signature over the body, so this polls. The first poll only walks to
 * the deltaLink; later polls report each new message once (its id is the key, so an edit of it is not a new
 * message); system events and deleted messages are skipped.
 */
final class NewChannelMessageTrigger implements PollingTrigger {
    static final int MAX_PAGES = 20;

    @Schema(description = "Which channel to watch")
    record Settings(
            @Schema(description = "The team's id (from teams.list_teams)")
            String teamId,

            @Schema(description = "The channel's id (from teams.list_channels)")
            String channelId) {}

    @Override
    public String id() {
        return "teams.new_channel_message";
    }

    @Override
    public String name() {
        return "New Teams channel message";
    }

    @Override
    public String description() {
        return "Starts when someone posts a new message in a Microsoft Teams channel.";
    }

    @Override
    public Class<TeamsMessage> eventType() {
        return TeamsMessage.class;
    }

    @Override
    public Class<? extends Record> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        throw new ConnectorException.InvalidInput("teamId", "choose the team and channel to watch");
    }

    @Override
    public Poll poll(ActionContext context, JsonNode settings, String cursor) {
        String start = TeamsChannels.channelPath(
                        settings == null ? null : MicrosoftGraph.text(settings, "teamId"),
                        settings == null ? null : MicrosoftGraph.text(settings, "channelId"))
                + "/messages/delta";
        boolean baseline = cursor == null || !GraphDelta.readable(context, cursor);
        GraphDelta walk = GraphDelta.walk(context, baseline ? null : cursor, start, MAX_PAGES);
        if (walk.lost()) {
            baseline = true;
            walk = GraphDelta.walk(context, null, start, MAX_PAGES);
        }
        List<TriggerEvent> events = new ArrayList<>();
        if (!baseline) {
            for (JsonNode m : walk.items()) {
                boolean message = m.path("messageType").asString("message").equals("message");
                if (!message || m.has("@removed") || MicrosoftGraph.text(m, "deletedDateTime") != null) {
                    continue;
                }
                TeamsMessage msg = TeamsMessage.of(m);
                events.add(new TriggerEvent(
                        msg.id(), MicrosoftGraph.instant(m, "createdDateTime"), MicrosoftGraph.JSON.valueToTree(msg)));
            }
        }
        return new Poll(events, walk.cursor());
    }
}
