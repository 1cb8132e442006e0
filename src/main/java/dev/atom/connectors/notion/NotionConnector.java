package dev.atom.connectors.notion;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Notion through its REST API (version {@value NotionApi#VERSION}). Connected today with an internal
 * integration's secret ({@code ntn_...}, older ones {@code secret_...}); {@link #OAUTH} is the public
 * integration's OAuth install it can offer as a second way once a connector can declare two (the calls take
 * the access token when no pasted token is stored). Either way, the integration sees only the pages and
 * databases a user shared with it. Health is {@code GET /users/me}.
 */
@Component
class NotionConnector extends BaseConnector {
    static final String TOKEN = "token";

    /**
     * Notion's public-integration OAuth: no scopes (access is what the user picks on Notion's consent page),
     * {@code owner=user} on the authorize URL, client_secret_basic at the token endpoint, no PKCE documented
     * and no revocation endpoint.
     */
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://api.notion.com/v1/oauth/authorize",
            "https://api.notion.com/v1/oauth/token",
            List.of(),
            false,
            null,
            AuthSpec.ClientAuth.CLIENT_SECRET_BASIC,
            Map.of("owner", "user"));

    private final List<Action<?, ?>> actions = List.of(
            new NotionPages.Query(),
            new NotionPages.Create(),
            new NotionPages.Update(),
            new NotionContent.Append(),
            new NotionContent.Search());
    private final NotionPageChangedTrigger changed = new NotionPageChangedTrigger();

    private final NotionItemsFeed items = new NotionItemsFeed();

    NotionConnector() {
        super(
                "notion",
                "Notion",
                "https://api.notion.com/v1",
                List.of("productivity", "notes"),
                new AuthSpec.ApiKey(List.of(new CredentialField(
                        TOKEN,
                        "Internal integration secret",
                        true,
                        true,
                        "(ntn_|secret_)[A-Za-z0-9]{20,}",
                        "From notion.so/profile/integrations: your integration's Internal Integration Secret. Then share"
                                + " the pages and databases Atom may use with the integration (the page's ... menu,"
                                + " Connections)."))),
                OAUTH);
    }

    @Override
    public List<Action<?, ?>> actions() {
        return actions;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(changed);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(items);
    }

    /** The integration's bot user: names the integration and the workspace it was installed in. */
    @Override
    public Health check(ActionContext context) {
        JsonNode me = NotionApi.get(context, "/users/me", null);
        String bot = NotionApi.text(me.get("name"));
        String workspace = NotionApi.text(me.path("bot").get("workspace_name"));
        return Health.ok(workspace == null ? bot : bot == null ? workspace : bot + " @ " + workspace);
    }
}
