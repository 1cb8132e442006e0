package dev.atom.connectors.teams;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Microsoft Teams through Microsoft Graph: joined teams and their channels, channel messages (read, post, reply),
 * chats (list, read, send); a new-channel-message trigger (delta query) and the person's chats for the unified
 * inbox. OAuth 2.0 on the Microsoft identity platform, delegated scopes: {@code Team.ReadBasic.All} and {@code
 * Channel.ReadBasic.All} (names of the person's teams and channels), {@code ChannelMessage.Read.All} (reading
 * channel messages; a tenant admin must consent to it), {@code ChannelMessage.Send}, {@code Chat.ReadWrite}
 * (reading and sending the person's chats), {@code User.Read} for the health check and {@code offline_access}.
 */
@Component
class TeamsConnector extends BaseConnector {
    private static final List<Action<?, ?>> ACTIONS = List.of(
            TeamsChannels.LIST_TEAMS,
            TeamsChannels.LIST_CHANNELS,
            TeamsChannels.READ_CHANNEL,
            TeamsChannels.POST,
            TeamsChannels.REPLY,
            TeamsChats.LIST_CHATS,
            TeamsChats.READ_CHAT,
            TeamsChats.SEND);

    TeamsConnector() {
        super(
                "teams",
                "Microsoft Teams",
                MicrosoftGraph.BASE_URL,
                List.of("communication"),
                MicrosoftGraph.oauth2(
                        "Team.ReadBasic.All",
                        "Channel.ReadBasic.All",
                        "ChannelMessage.Read.All",
                        "ChannelMessage.Send",
                        "Chat.ReadWrite"));
    }

    /** A person's own chats: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(new NewChannelMessageTrigger());
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new TeamsChatFeed());
    }

    @Override
    public Health check(ActionContext context) {
        return MicrosoftGraph.me(context);
    }
}
