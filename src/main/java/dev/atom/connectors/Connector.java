package dev.atom.connectors;

import java.util.List;
import java.util.Optional;

/**
 * One service Atom can talk to. Implementations are Spring beans (component scan registers them), stateless
 * and thread-safe; everything about one connection comes in through the {@link ActionContext}.
 */
public interface Connector {

    /** Lower case with dashes ({@code slack}, {@code google-calendar}); the prefix of its action ids. */
    String id();

    String name();

    /** An icon name or a path under /img/connectors (the UI shows a letter when it has none). */
    default String icon() {
        return id();
    }

    /** Catalog categories, e.g. "communication", "developer", "files". */
    List<String> categories();

    /**
     * True when a connection reads one person's own data (their mail, calendar, chats, files): its connections
     * are then private to whoever made them unless made shared on purpose. Every connector that reads
     * personal data says so here, in its own package; the default (false) makes new connections shared.
     */
    default boolean readsPersonalData() {
        return false;
    }

    /** The preferred way to connect; {@link #auths()} starts with it. */
    AuthSpec auth();

    /**
     * Every way to connect, the preferred first (e.g. a pasted token, then OAuth), at most one of each kind.
     * The default is {@link #auth()} alone.
     */
    default List<AuthSpec> auths() {
        return List.of(auth());
    }

    /** The declared auth of that kind ({@code api_key}, {@code basic}, {@code oauth2}...). */
    default Optional<AuthSpec> auth(String kind) {
        return auths().stream().filter(a -> a.kind().equals(kind)).findFirst();
    }

    /** The OAuth 2.0 way to connect, when the connector offers one. */
    default Optional<AuthSpec.OAuth2> oauth2() {
        return auths().stream()
                .filter(AuthSpec.OAuth2.class::isInstance)
                .map(AuthSpec.OAuth2.class::cast)
                .findFirst();
    }

    /**
     * Where an admin reads how to register this service's OAuth app (the console, the redirect URI, the scopes):
     * a file under the project root and an anchor in it. Every connector offering {@link AuthSpec.OAuth2} must
     * have that anchor ({@code <a id="oauth-app-<id>"></a>} in docs/connectors.md; ConnectorCatalogTest checks
     * it); connectors sharing one app (Google's) may point at one section.
     */
    default String appRegistrationDoc() {
        return "docs/connectors.md#oauth-app-" + id();
    }

    /** The service's API base URL; operators override it with {@code ATOM_<ID>_BASE_URL}. */
    default String defaultBaseUrl() {
        return "";
    }

    List<Action<?, ?>> actions();

    default List<Trigger> triggers() {
        return List.of();
    }

    /** The kinds of data Atom keeps a local copy of for the unified workspace (calendar, inbox, search...). */
    default List<SyncFeed> syncFeeds() {
        return List.of();
    }

    /**
     * A real, cheap, authenticated call (Slack auth.test, GitHub /user) that proves the credentials work.
     * Throws {@link ConnectorException.NeedsReconnect} when they do not.
     */
    Health check(ActionContext context);

    /** Revokes the credentials at the provider when it can; the default does nothing. */
    default void revoke(ActionContext context) {}
}
