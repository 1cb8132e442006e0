package dev.atom.connectors;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What other modules (the workflow engine, the assistant) use: the registered connectors and a way to run an
 * action or poll a trigger on a workspace's connection. Thread-safe.
 */
public interface Connectors {

    /** Every registered connector, by id. */
    List<Connector> all();

    Optional<Connector> connector(String id);

    /** An action by its id ({@code http.request}) with its derived input and output schemas. */
    Optional<ActionInfo> action(String actionId);

    /** A connection of the workspace; empty for unknown ids and other workspaces' connections. */
    Optional<ConnectionInfo> connection(String workspaceId, String connectionId);

    /** The workspace's connections (for pickers such as the workflow builder's). */
    List<ConnectionInfo> connections(String workspaceId);

    /**
     * Validates {@code input} against the action's schema and runs it on the connection. Throws {@link
     * ConnectorException.InvalidInput} naming each bad field, {@link ConnectorException} subclasses for the
     * service's failures (a needs-reconnect one also marks the connection), and {@link
     * java.util.NoSuchElementException} for an unknown connection or an action its connector does not have.
     *
     * @param idempotencyKey passed to services that de-duplicate (the engine gives run + step), may be null
     */
    JsonNode run(String workspaceId, String connectionId, String actionId, JsonNode input, String idempotencyKey);

    /**
     * Runs an action of a connector that needs no authentication ({@code http.request}) without a connection:
     * same validation and errors as {@link #run}; the rate limiter is the workspace's for that connector.
     * Throws {@link java.util.NoSuchElementException} for an unknown action or one whose connector needs a
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
     * checked. Throws {@link java.util.NoSuchElementException} for an unknown action.
     */
    List<ConnectorException.FieldProblem> checkInput(String actionId, JsonNode input, Predicate<JsonNode> dynamic);

    /** A context for a polling trigger (or anything else) on the connection; same rules as {@link #run}. */
    ActionContext context(String workspaceId, String connectionId);

    /** An action and its JSON Schemas. */
    record ActionInfo(Connector connector, Action<?, ?> action, JsonNode inputSchema, JsonNode outputSchema) {}

    /** A connection as other modules see it (never its credentials). */
    record ConnectionInfo(
            String id, String workspaceId, String connector, String name, String status, String statusReason) {}
}
