package dev.atom.connectors.linear;

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

/**
 * Linear over its GraphQL API: issues (list, search, get, create, update, comment), teams and workflow states, a
 * signed webhook trigger, and the issues assigned to the person for the unified tasks. Connected with a personal
 * API key (preferred) or the operator's OAuth app. Health is {@code viewer}.
 */
@Component
class LinearConnector extends BaseConnector {
    static final String API_KEY = "api_key";
    static final String VIEWER = "query Viewer { viewer { id name email } }";
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://linear.app/oauth/authorize",
            "https://api.linear.app/oauth/token",
            List.of("read", "write"),
            true,
            "https://api.linear.app/oauth/revoke",
            AuthSpec.ClientAuth.CLIENT_SECRET_POST);

    private static final List<Action<?, ?>> ACTIONS = List.of(
            LinearIssues.LIST_ISSUES,
            LinearIssues.SEARCH_ISSUES,
            LinearIssues.GET_ISSUE,
            LinearIssues.CREATE_ISSUE,
            LinearIssueChanges.UPDATE_ISSUE,
            LinearIssueChanges.COMMENT_ISSUE,
            LinearTeams.LIST_TEAMS,
            LinearTeams.LIST_STATES);

    private final LinearWebhookTrigger events;
    private final LinearIssuesFeed issues = new LinearIssuesFeed();

    LinearConnector(Clock clock) {
        super(
                "linear",
                "Linear",
                "https://api.linear.app",
                List.of("developer", "tasks"),
                new AuthSpec.ApiKey(
                        "Personal API key",
                        List.of(new CredentialField(
                                API_KEY,
                                "API key",
                                true,
                                true,
                                "lin_api_[A-Za-z0-9]{20,80}",
                                "Linear → Settings → Security & access → Personal API keys → New key (lin_api_...)"))),
                OAUTH);
        this.events = new LinearWebhookTrigger(clock);
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(events);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(issues);
    }

    @Override
    public Health check(ActionContext context) {
        var viewer = LinearApi.query(context, VIEWER, Map.of(), null).path("viewer");
        return Health.ok(viewer.path("email").asString(viewer.path("name").asString()));
    }
}
