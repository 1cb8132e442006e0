package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.query;
import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Outlook mail and calendar through Microsoft Graph: search, read, send, move, flag and categorize mail; list,
 * create, update and delete events; free/busy; new-mail and changed-event triggers and the inbox and calendar
 * sync feeds, all by delta queries. OAuth 2.0 against the Microsoft identity platform's common endpoint (work,
 * school and personal accounts), PKCE, the client secret in the form body as Entra expects of web apps. Scopes: the narrowest delegated ones that cover
 * the actions (Mail.ReadWrite for move/flag/categorize, Mail.Send, Calendars.ReadWrite, which also allows
 * getSchedule), User.Read for the health check, offline_access for a refresh token. Microsoft has no RFC 7009
 * revocation endpoint, so removing a connection only forgets the tokens.
 */
@Component
class OutlookConnector extends BaseConnector {
    static final String AUTHORIZE_URL = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize";
    static final String TOKEN_URL = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
    static final List<String> SCOPES =
            List.of("offline_access", "User.Read", "Mail.ReadWrite", "Mail.Send", "Calendars.ReadWrite");

    OutlookConnector() {
        super(
                "outlook",
                "Outlook (Microsoft 365)",
                "https://graph.microsoft.com/v1.0",
                List.of("communication", "email", "calendar"),
                new AuthSpec.OAuth2(
                        AUTHORIZE_URL, TOKEN_URL, SCOPES, true, null, AuthSpec.ClientAuth.CLIENT_SECRET_POST));
    }

    /** A person's own data: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(
                OutlookMessages.SEARCH,
                OutlookMessages.READ,
                OutlookSend.SEND,
                OutlookMailChanges.MOVE,
                OutlookMailChanges.FLAG,
                OutlookMailChanges.CATEGORIZE,
                OutlookMailChanges.REPLY,
                OutlookEvents.LIST,
                OutlookEvents.CREATE,
                OutlookEvents.UPDATE,
                OutlookEvents.DELETE,
                OutlookFreeBusy.FREE_BUSY);
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(new NewMailTrigger(), new EventChangedTrigger());
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new OutlookEventsFeed(), OutlookMailFeed.inbox(), OutlookMailFeed.sent());
    }

    /** GET /me: cheap, allowed by User.Read, and names the mailbox. */
    @Override
    public Health check(ActionContext context) {
        var me = Graph.get(context, me(context), null);
        return Health.ok(text(me, "mail") != null ? text(me, "mail") : text(me, "userPrincipalName"));
    }

    static String me(ActionContext context) {
        return context.baseUrl() + "/me" + query("$select", "id,mail,userPrincipalName");
    }
}
