package dev.atom.connectors.dropbox;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Dropbox through API v2 with OAuth 2.0 (PKCE; {@code token_access_type=offline} so Dropbox issues a refresh
 * token: its access tokens live four hours). The scopes are what these actions need. Health is {@code
 * users/get_current_account}; disconnecting revokes the token with {@code auth/token/revoke} (Dropbox has no
 * RFC 7009 endpoint).
 */
@Component
class DropboxConnector extends BaseConnector {
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://www.dropbox.com/oauth2/authorize",
            "https://api.dropboxapi.com/oauth2/token",
            List.of(
                    "account_info.read",
                    "files.metadata.read",
                    "files.content.read",
                    "files.content.write",
                    "sharing.read",
                    "sharing.write"),
            true,
            null,
            AuthSpec.ClientAuth.CLIENT_SECRET_BASIC,
            Map.of("token_access_type", "offline"));

    private final List<Action<?, ?>> actions = List.of(
            new DropboxFiles.ListFolder(),
            new DropboxContent.Download(),
            new DropboxContent.Upload(),
            new DropboxFiles.CreateSharedLink(),
            new DropboxFiles.Search());
    private final DropboxChangesTrigger changes = new DropboxChangesTrigger();
    private final List<SyncFeed> feeds = List.of(new DropboxFileFeed());

    DropboxConnector() {
        super("dropbox", "Dropbox", "https://api.dropboxapi.com/2", List.of("files"), OAUTH);
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
        return List.of(changes);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return feeds;
    }

    @Override
    public Health check(ActionContext context) {
        JsonNode me = DropboxApi.rpc(context, "users/get_current_account", null, null);
        String email = DropboxEntry.text(me, "email");
        return Health.ok(email != null ? email : DropboxEntry.text(me.path("name"), "display_name"));
    }

    @Override
    public void revoke(ActionContext context) {
        DropboxApi.rpc(context, "auth/token/revoke", null, null);
    }
}
