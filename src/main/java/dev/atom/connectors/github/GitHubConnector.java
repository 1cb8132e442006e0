package dev.atom.connectors.github;

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
 * GitHub's REST API: issues and repositories. Connected with a personal access token (preferred) or through
 * the operator's OAuth app ({@link #OAUTH}). {@code ATOM_GITHUB_BASE_URL} points it at GitHub Enterprise
 * ({@code https://github.example.com/api/v3}). Health is {@code GET /user}.
 */
@Component
class GitHubConnector extends BaseConnector {
    static final String TOKEN = "token";
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://github.com/login/oauth/authorize",
            "https://github.com/login/oauth/access_token",
            List.of("repo", "read:user"),
            true,
            null);

    private final List<Action<?, ?>> actions = List.of(
            new GitHubIssues.ListIssues(),
            new GitHubIssues.CreateIssue(),
            new GitHubIssueChanges.CommentIssue(),
            new GitHubIssueChanges.AddLabels(),
            new GitHubIssueChanges.CloseIssue(),
            new GitHubRepos());
    private final GitHubIssueTrigger issues;
    private final GitHubIssuesFeed feed = new GitHubIssuesFeed();

    GitHubConnector(Clock clock) {
        super(
                "github",
                "GitHub",
                "https://api.github.com",
                List.of("developer"),
                new AuthSpec.ApiKey(
                        "Personal access token",
                        List.of(
                                new CredentialField(
                                        TOKEN,
                                        "Personal access token",
                                        true,
                                        true,
                                        "[A-Za-z0-9_]{20,255}",
                                        "A fine-grained token (github_pat_...) or a classic one (ghp_...) with access to issues"))),
                OAUTH);
        this.issues = new GitHubIssueTrigger(clock);
    }

    @Override
    public List<Action<?, ?>> actions() {
        return actions;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(issues);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(feed);
    }

    @Override
    public Health check(ActionContext context) {
        JsonNode me = GitHubApi.get(context, "/user", Map.of());
        return Health.ok(me.path("login").asString());
    }
}
