package dev.atom.connectors;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What other modules (the workflow engine, the assistant) use: the registered connectors and a way to run an
 * action or poll a trigger on a workspace's connection. Thread-safe.
 *
 * <p>Who may use a connection: its owner (whoever made it) always; every member of the workspace while it is
 * {@code shared}; nobody else while it is {@code private} (admins included). Anything done on behalf of a person
 * (a request, a workflow run as its owner, an assistant turn) goes through the {@link Caller} variants, which
 * enforce that rule and treat a connection the caller may not use as absent ({@link ConnectionNotUsable}). The
 * workspace-only variants skip it: they are for the system's own work on a connection (the sync engine keeping
 * a local copy, whose rows are filtered at read time), never for a person's request.
 */
public interface Connectors {

    /** Every registered connector, by id. */
    List<Connector> all();

    Optional<Connector> connector(String id);

    /** An action by its id ({@code http.request}) with its derived input and output schemas. */
    Optional<ActionInfo> action(String actionId);

    /** A connection of the workspace; empty for unknown ids and other workspaces' connections. System use only. */
    Optional<ConnectionInfo> connection(String workspaceId, String connectionId);

    /** All the workspace's connections, private ones included: system use only (pickers use the caller's). */
    List<ConnectionInfo> connections(String workspaceId);

    /**
     * A connection the caller may use (theirs, or shared); empty for unknown ids, other workspaces' connections
     * and other members' private ones, and when the caller is no longer a member of the workspace.
     */
    Optional<ConnectionInfo> connection(Caller caller, String connectionId);

    /** The connections the caller may use, for pickers (the workflow builder's, the assistant's). */
    List<ConnectionInfo> connections(Caller caller);

    /**
     * {@link #run(String, String, String, JsonNode, String)} on behalf of {@code caller}: throws {@link
     * ConnectionNotUsable} (an {@link UnknownReference}, nothing is called) when the caller may not
     * use the connection, with the reason for the caller's own records (a run's step error).
     */
    JsonNode run(Caller caller, String connectionId, String actionId, JsonNode input, String idempotencyKey);

    /**
     * A person's own call through a connection from a page or route acting for them (an inbox archive, a calendar
     * event written through, a task completed at its service): {@link #run(Caller, String, String, JsonNode,
     * String)} whose outcome is recorded in the connection's call log under the caller and audited, like {@code
     * POST /api/v1/connections/{id}/actions/{action}}. A call on a connection the caller may not use is recorded
     * as refused (for the owner to see) and throws {@link ConnectionNotUsable}. Workflow runs use {@link
     * #run(Caller, String, String, JsonNode, String)}: their run history records them.
     */
    JsonNode runRecorded(Caller caller, String connectionId, String actionId, JsonNode input, String idempotencyKey);

    /** {@link #context(String, String)} on behalf of {@code caller}; same rule as {@link #run(Caller, ...)}. */
    ActionContext context(Caller caller, String connectionId);

    /**
     * Validates {@code input} against the action's schema and runs it on the connection. Throws {@link
     * ConnectorException.InvalidInput} naming each bad field, {@link ConnectorException} subclasses for the
     * service's failures (a needs-reconnect one also marks the connection), and {@link
     * UnknownReference} for an unknown connection or an action its connector does not have.
     *
     * @param idempotencyKey passed to services that de-duplicate (the engine gives run + step), may be null
     */
    JsonNode run(String workspaceId, String connectionId, String actionId, JsonNode input, String idempotencyKey);

    /**
     * Runs an action of a connector that needs no authentication ({@code http.request}) without a connection:
     * same validation and errors as {@link #run}; the rate limiter is the workspace's for that connector.
     * Throws {@link UnknownReference} for an unknown action or one whose connector needs a
     * connection.
     */
    default JsonNode runWithoutConnection(String workspaceId, String actionId, JsonNode input, String idempotencyKey) {
        return runWithoutConnection(workspaceId, null, actionId, input, idempotencyKey);
    }

    /**
     * The same, acting for {@code actingUserId} (the workflow run's owner; may be null), which the action sees
     * as {@link ActionContext#actingUserId()}.
     */
    JsonNode runWithoutConnection(
            String workspaceId, String actingUserId, String actionId, JsonNode input, String idempotencyKey);

    /**
     * Checks an action's input against its schema without running it, naming every bad field. Values for
     * which {@code dynamic} is true (expressions filled in at run time) count as present but their type is not
     * checked. Throws {@link UnknownReference} for an unknown action.
     */
    List<ConnectorException.FieldProblem> checkInput(String actionId, JsonNode input, Predicate<JsonNode> dynamic);

    /**
     * Marks the connection as needing a reconnect at once (a sync or poll was refused with invalid_grant or 401),
     * as a refused token refresh does: the status and reason are stored and, the first time, {@link
     * ConnectionNeedsReconnect} is published. Does nothing for an unknown connection.
     */
    void markNeedsReconnect(String workspaceId, String connectionId, String reason);

    /**
     * The connections {@code ownerId} made whose sign-in is forecast to end soon by itself (the scheduled
     * credential check's "needs attention soon"), each with the names of the workflows using it that would
     * stop: for the owner's briefing, before anything breaks.
     */
    default List<ExpiringConnection> expiringSoon(String workspaceId, String ownerId) {
        return List.of();
    }

    /** A connection whose sign-in ends by {@code expiresAt} ({@code why}: the provider's rule or word). */
    record ExpiringConnection(
            String id, String name, String connector, java.time.Instant expiresAt, String why, List<String> usedBy) {}

    /** A context for a polling trigger (or anything else) on the connection; same rules as {@link #run}. */
    ActionContext context(String workspaceId, String connectionId);

    /** An action and its JSON Schemas. */
    record ActionInfo(Connector connector, Action<?, ?> action, JsonNode inputSchema, JsonNode outputSchema) {}

    /** Who a call is made for: a member of a workspace (a request's user, a workflow's owner). */
    record Caller(String workspaceId, String userId) {}

    /**
     * A connection as other modules see it (never its credentials): {@code visibility} is {@code private} or
     * {@code shared}, {@code owner} the user id of whoever made it.
     */
    record ConnectionInfo(
            String id,
            String workspaceId,
            String connector,
            String name,
            String status,
            String statusReason,
            String visibility,
            String owner) {

        /** The form from before visibility existed (kept for callers that build one). */
        public ConnectionInfo(
                String id, String workspaceId, String connector, String name, String status, String statusReason) {
            this(id, workspaceId, connector, name, status, statusReason, "shared", null);
        }

        public boolean isPrivate() {
            return "private".equals(visibility);
        }
    }
}
