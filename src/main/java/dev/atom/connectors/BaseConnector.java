package dev.atom.connectors;

import java.util.List;

/**
 * The fixed facts of a {@link Connector} (id, name, categories, ways to connect, default base URL) held in one
 * place, so a connector class is only its actions, triggers and health check:
 *
 * <pre>{@code
 * @Component
 * class TodoistConnector extends BaseConnector {
 *     TodoistConnector() {
 *         super("todoist", "Todoist", "https://api.todoist.com/api/v1", List.of("productivity"),
 *                 new AuthSpec.ApiKey(List.of(CredentialField.secret("token", "API token"))));
 *     }
 *     public List<Action<?, ?>> actions() { return ACTIONS; }
 *     public Health check(ActionContext context) { ... }
 * }
 * }</pre>
 *
 * Subclasses stay stateless and thread-safe, as every connector.
 */
public abstract class BaseConnector implements Connector {
    private final String id;
    private final String name;
    private final String defaultBaseUrl;
    private final List<String> categories;
    private final List<AuthSpec> auths;

    /**
     * @param auths every way to connect, the preferred first (at most one of each kind)
     */
    protected BaseConnector(String id, String name, String defaultBaseUrl, List<String> categories, AuthSpec... auths) {
        if (auths.length == 0) {
            throw new IllegalArgumentException("connector '" + id + "' needs a way to connect (AuthSpec.None too)");
        }
        this.id = id;
        this.name = name;
        this.defaultBaseUrl = defaultBaseUrl == null ? "" : defaultBaseUrl;
        this.categories = List.copyOf(categories);
        this.auths = List.of(auths);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> categories() {
        return categories;
    }

    @Override
    public final AuthSpec auth() {
        return auths.getFirst();
    }

    @Override
    public final List<AuthSpec> auths() {
        return auths;
    }

    @Override
    public final String defaultBaseUrl() {
        return defaultBaseUrl;
    }
}
