package dev.atom.connectors.asana;

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
 * Asana's REST API (tasks, comments, the events feed), connected with a personal access token (preferred:
 * no app to register) or through the operator's OAuth app, which must have Full permissions: Asana's granular
 * scopes do not cover the events feed. Health is {@code GET /users/me}.
 */
@Component
class AsanaConnector extends BaseConnector {
    static final String TOKEN = "token";
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://app.asana.com/-/oauth_authorize",
            "https://app.asana.com/-/oauth_token",
            List.of("default"),
            true,
            "https://app.asana.com/-/oauth_revoke",
            AuthSpec.ClientAuth.CLIENT_SECRET_POST);

    private final List<Action<?, ?>> actions = List.of(
            new AsanaTasks.ListTasks(),
            new AsanaTasks.CreateTask(),
            new AsanaTaskChanges.UpdateTask(),
            new AsanaTaskChanges.CompleteTask(),
            new AsanaTaskChanges.AddComment());
    private final AsanaEventsTrigger events = new AsanaEventsTrigger();

    private final AsanaTasksFeed tasks = new AsanaTasksFeed();

    AsanaConnector() {
        super(
                "asana",
                "Asana",
                "https://app.asana.com/api/1.0",
                List.of("productivity", "tasks"),
                new AuthSpec.ApiKey(
                        "Personal access token",
                        List.of(
                                new CredentialField(
                                        TOKEN,
                                        "Personal access token",
                                        true,
                                        true,
                                        "[0-9]/[0-9A-Za-z:/]{10,300}",
                                        "Asana → Settings → Apps → Developer apps → Create new token (starts with a digit and /)"))),
                OAUTH);
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
        return List.of(tasks);
    }

    @Override
    public Health check(ActionContext context) {
        JsonNode me = AsanaApi.call(context, "GET", "/users/me", Map.of("opt_fields", "name,email"), null, null)
                .path("data");
        String email = AsanaApi.text(me, "email");
        return Health.ok(email != null ? email : AsanaApi.text(me, "name"));
    }
}
