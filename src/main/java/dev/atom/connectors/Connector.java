package dev.atom.connectors;

import java.util.List;

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

    AuthSpec auth();

    /** The service's API base URL; operators override it with {@code ATOM_<ID>_BASE_URL}. */
    default String defaultBaseUrl() {
        return "";
    }

    List<Action<?, ?>> actions();

    default List<Trigger> triggers() {
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
