package dev.atom.connectors.slack;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Slack through its Web API as a bot, connected with a pasted bot token ({@code xoxb-...}, preferred: no app
 * registration needed) or by installing the operator's Slack app through OAuth 2.0 ({@link #OAUTH}). Health
 * is {@code auth.test}. The {@code slack.messages} feed copies the bot's DMs and the mentions of it into the inbox
 * (the im/mpim scopes are for it).
 */
@Component
class SlackConnector extends BaseConnector {
    static final String BOT_TOKEN = "bot_token";
    /** The OAuth v2 bot install and the scopes these actions need. */
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://slack.com/oauth/v2/authorize",
            "https://slack.com/api/oauth.v2.access",
            List.of(
                    "chat:write",
                    "channels:read",
                    "groups:read",
                    "channels:history",
                    "groups:history",
                    "im:read",
                    "im:history",
                    "mpim:read",
                    "mpim:history",
                    "users:read",
                    "users:read.email"),
            false,
            "https://slack.com/api/auth.revoke");

    private final List<Action<?, ?>> actions = List.of(
            new SlackMessages.Post(),
            new SlackMessages.Reply(),
            new SlackDirectory.ListChannels(),
            new SlackMessages.ReadHistory(),
            new SlackDirectory.LookupUser());
    private final SlackEventsTrigger events;

    SlackConnector(Clock clock) {
        super(
                "slack",
                "Slack",
                "https://slack.com/api",
                List.of("communication"),
                new AuthSpec.ApiKey(
                        "Bot token",
                        List.of(new CredentialField(
                                BOT_TOKEN,
                                "Bot token",
                                true,
                                true,
                                "xoxb-[A-Za-z0-9-]{10,}",
                                "Your Slack app's Bot User OAuth Token (OAuth & Permissions), starting with xoxb-"))),
                OAUTH);
        this.events = new SlackEventsTrigger(clock);
    }

    /** A person's own data: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return actions;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(events);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new SlackMessageFeed());
    }

    @Override
    public Health check(ActionContext context) {
        JsonNode r = SlackApi.get(context, "auth.test", SlackApi.args());
        String team = SlackDirectory.text(r.path("team"));
        String user = SlackDirectory.text(r.path("user"));
        return Health.ok(user == null ? team : team == null ? user : user + " @ " + team);
    }

    /** Slack's next page cursor: absent or empty on the last page. */
    static String cursor(JsonNode response) {
        return SlackDirectory.text(response.path("response_metadata").path("next_cursor"));
    }
}
