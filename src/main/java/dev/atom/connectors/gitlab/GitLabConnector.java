package dev.atom.connectors.gitlab;

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
 * GitLab (gitlab.com or self-managed): issues, merge requests and pipelines over REST v4, a webhook trigger
 * checked by its secret token, and the issues assigned to the person for the unified tasks. Connected with a
 * personal access token (preferred; its optional instance address reaches a self-managed GitLab) or the
 * operator's OAuth app (self-managed: {@code ATOM_GITLAB_BASE_URL}, {@code _AUTHORIZE_URL}, {@code _TOKEN_URL}).
 * Health is {@code GET /user}.
 */
@Component
class GitLabConnector extends BaseConnector {
    static final String TOKEN = "token";
    static final String INSTANCE = "instance";
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://gitlab.com/oauth/authorize",
            "https://gitlab.com/oauth/token",
            List.of("api", "read_user"),
            true,
            "https://gitlab.com/oauth/revoke",
            AuthSpec.ClientAuth.CLIENT_SECRET_POST);

    private static final List<Action<?, ?>> ACTIONS = List.of(
            GitLabIssues.LIST,
            GitLabIssues.GET,
            GitLabIssues.CREATE,
            GitLabIssueChanges.UPDATE,
            GitLabIssueChanges.CLOSE,
            GitLabIssueChanges.COMMENT,
            GitLabMergeRequests.LIST,
            GitLabMergeRequests.GET,
            GitLabMergeRequests.COMMENT,
            GitLabPipelines.LIST,
            GitLabPipelines.GET,
            GitLabPipelines.RETRY);

    private final GitLabWebhookTrigger events;
    private final GitLabIssuesFeed issues = new GitLabIssuesFeed();

    GitLabConnector(Clock clock) {
        super(
                "gitlab",
                "GitLab",
                "https://gitlab.com/api/v4",
                List.of("developer"),
                new AuthSpec.ApiKey(
                        "Personal access token",
                        List.of(
                                new CredentialField(
                                        TOKEN,
                                        "Personal access token",
                                        true,
                                        true,
                                        "[A-Za-z0-9_.-]{20,255}",
                                        "GitLab → Preferences → Access tokens → Add new token, scope api (glpat-...)"),
                                new CredentialField(
                                        INSTANCE,
                                        "GitLab address",
                                        false,
                                        false,
                                        "https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?",
                                        "Only for a self-managed GitLab, e.g. https://gitlab.example.com; empty for gitlab.com"))),
                OAUTH);
        this.events = new GitLabWebhookTrigger(clock);
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
        return Health.ok(GitLabApi.get(context, "/user", Map.of(), null)
                .json()
                .path("username")
                .asString());
    }
}
