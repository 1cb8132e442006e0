package dev.atom.connectors.gmail;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import dev.atom.connectors.google.GoogleApi;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Gmail through its REST API: search, read, send, label, a new-mail trigger by history id and the {@code
 * gmail.messages} sync feed. One scope, gmail.modify, is the narrowest that covers them all (changing a message's
 * labels needs it, and it includes reading and sending; it cannot delete mail permanently).
 */
@Component
class GmailConnector extends BaseConnector {
    static final String SCOPE = "https://www.googleapis.com/auth/gmail.modify";

    GmailConnector() {
        super(
                "gmail",
                "Gmail",
                "https://gmail.googleapis.com",
                List.of("communication", "email"),
                GoogleApi.oauth(SCOPE));
    }

    /** A person's own data: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(
                GmailMessages.SEARCH,
                GmailMessages.READ,
                GmailSend.SEND,
                GmailMessages.ADD_LABELS,
                GmailMessages.REMOVE_LABELS);
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(new GmailNewMailTrigger());
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new GmailMessageFeed());
    }

    /** users.getProfile: cheap, and names the mailbox. */
    @Override
    public Health check(ActionContext context) {
        var profile = GoogleApi.get(context, users(context) + "/profile", null);
        return Health.ok(GoogleApi.text(profile, "emailAddress"));
    }

    /** The authenticated user's resource path. */
    static String users(ActionContext context) {
        return context.baseUrl() + "/gmail/v1/users/me";
    }
}
