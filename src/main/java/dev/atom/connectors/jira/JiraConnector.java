package dev.atom.connectors.jira;

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
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Jira (Cloud, and Data Center for the token way) through REST API v3: search by JQL, read, create,
 * transition and comment on issues, and an issue-updated polling trigger. Three ways to connect: the site
 * plus an e-mail and API token (basic auth, preferred), the site plus a personal access token (Data Center),
 * or OAuth 2.0 (3LO) through the operator's Atlassian app, whose calls go to {@code
 * https://api.atlassian.com/ex/jira/<cloudid>} ({@code ATOM_JIRA_BASE_URL} overrides the host). Health is
 * {@code GET /rest/api/3/myself}.
 */
@Component
class JiraConnector extends BaseConnector {
    static final String SITE = "site";
    static final String EMAIL = "email";
    static final String API_TOKEN = "api_token";
    static final String TOKEN = "token";
    /**
     * https only, so credentials never cross a network in clear text; http just for the local machine (which
     * the SSRF guard refuses anyway unless the operator allowed it).
     */
    static final String SITE_PATTERN =
            "(https://[A-Za-z0-9.-]+|http://(localhost|127\\.0\\.0\\.1))(:[0-9]{1,5})?" + "(/[A-Za-z0-9._~-]+)*/?";

    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://auth.atlassian.com/authorize?audience=api.atlassian.com&prompt=consent",
            "https://auth.atlassian.com/oauth/token",
            List.of("read:jira-work", "write:jira-work", "read:jira-user", "offline_access"),
            true,
            null,
            AuthSpec.ClientAuth.CLIENT_SECRET_POST);

    private final List<Action<?, ?>> actions;
    private final List<Trigger> triggers;
    private final List<SyncFeed> feeds;
    private final JiraApi api;

    JiraConnector(Clock clock) {
        super(
                "jira",
                "Jira",
                "https://api.atlassian.com",
                List.of("developer", "tasks"),
                basic(),
                personalToken(),
                OAUTH);
        this.api = new JiraApi(clock);
        this.actions = List.of(
                new JiraIssues.Search(api),
                new JiraIssues.GetIssue(api),
                new JiraIssues.CreateIssue(api),
                new JiraIssueChanges.TransitionIssue(api),
                new JiraIssueChanges.AddComment(api),
                new JiraIssueCompletion.CompleteIssue(api),
                new JiraIssueCompletion.SetDueDate(api));
        this.feeds = List.of(new JiraIssuesFeed(api));
        this.triggers = List.of(new JiraIssueUpdatedTrigger(api));
    }

    private static CredentialField site() {
        return new CredentialField(
                SITE, "Site", false, true, SITE_PATTERN, "Your Jira's address, e.g. https://your-team.atlassian.net");
    }

    /** A Jira Cloud site's e-mail and API token. */
    private static AuthSpec basic() {
        return new AuthSpec.Basic(
                "E-mail and API token",
                List.of(
                        site(),
                        new CredentialField(EMAIL, "E-mail", false, true, "[^@\\s]+@[^@\\s]+", "Your Atlassian e-mail"),
                        new CredentialField(
                                API_TOKEN,
                                "API token",
                                true,
                                true,
                                "[A-Za-z0-9_=+/-]{16,400}",
                                "https://id.atlassian.com/manage-profile/security/api-tokens → Create API token")));
    }

    /** A Data Center site's personal access token. */
    private static AuthSpec personalToken() {
        return new AuthSpec.ApiKey(
                "Personal access token (Data Center)",
                List.of(
                        site(),
                        new CredentialField(
                                TOKEN,
                                "Personal access token",
                                true,
                                true,
                                "[A-Za-z0-9_=+/-]{16,400}",
                                "Your Jira profile → Personal Access Tokens → Create token")));
    }

    @Override
    public List<Action<?, ?>> actions() {
        return actions;
    }

    @Override
    public List<Trigger> triggers() {
        return triggers;
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return feeds;
    }

    @Override
    public Health check(ActionContext context) {
        JsonNode me = api.call(context, "GET", "/rest/api/3/myself", Map.of(), null, null);
        String email = JiraApi.text(me, "emailAddress");
        return Health.ok(email != null ? email : JiraApi.text(me, "displayName"));
    }
}
