package dev.atom.connectors.internal;

import dev.atom.connectors.ActionRuns;
import dev.atom.connectors.ConnectionNotUsable;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.UnknownReference;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/connections/{id}/actions/{action}}: a person's direct call, carried out as a run with
 * trigger {@code api} ({@link ActionRuns}), so it has an idempotency key, the engine's retries and a place in the
 * runs list. The call is still recorded in the connection's call log and audited (the run calls {@link
 * Connectors#runRecorded}); a caller who may not use the connection gets 404 (recorded as refused). The answer
 * stays {@code {"output"}} plus {@code runId}; failures answer as before, from the connector's own exception. The
 * run makes one attempt: a retriable failure answers 503 with the service's Retry-After at once, as before, and
 * the client retries with its {@code Idempotency-Key} (an engine back-off of a minute would hold the request).
 * Thread-safe.
 */
@Component
class DirectActionCalls {
    private final Connectors connectors;
    private final ActionRuns runs;

    DirectActionCalls(Connectors connectors, ActionRuns runs) {
        this.connectors = connectors;
        this.runs = runs;
    }

    ResponseEntity<Map<String, Object>> run(
            CurrentUser user, String id, String actionId, JsonNode input, String idempotencyKey) {
        // existence only (no run for a typo); whether the caller may use it is the run's first check, recorded
        String connector = connectors
                .connection(user.workspaceId(), id)
                .map(Connectors.ConnectionInfo::connector)
                .orElseThrow(() -> ApiException.notFound("Connection"));
        var caller = new Connectors.Caller(user.workspaceId(), user.userId());
        if (connectors
                .action(actionId)
                .filter(a -> a.connector().id().equals(connector))
                .isEmpty()) {
            // nothing to run, but recorded like every direct call (refused, or failed: unknown_action)
            try {
                connectors.runRecorded(caller, id, actionId, input, idempotencyKey);
            } catch (ConnectionNotUsable e) {
                throw ApiException.notFound("Connection");
            } catch (UnknownReference e) {
                // the unknown action, recorded
            }
            throw ApiException.notFound("Action '" + actionId + "' of this connection");
        }
        ActionRuns.Result result = runs.run(
                new ActionRuns.Request(caller, "api", id, actionId, input, Duration.ZERO, idempotencyKey, false));
        Map<String, Object> body = new LinkedHashMap<>();
        switch (result) {
            case ActionRuns.Result.Succeeded done -> {
                body.put("output", done.output());
                body.put("runId", done.runId());
                return ResponseEntity.ok(body);
            }
            case ActionRuns.Result.Pending pending -> { // cut short by a restart of the run's instance
                body.put("runId", pending.runId());
                body.put("status", pending.status());
                return ResponseEntity.accepted().body(body);
            }
            case ActionRuns.Result.Failed failed -> throw answer(failed, actionId);
        }
    }

    /** The exception the route answered with before runs: the connector's own, or 404 for a connection not usable. */
    private static RuntimeException answer(ActionRuns.Result.Failed failed, String actionId) {
        return switch (failed.cause()) {
            case ConnectionNotUsable e -> ApiException.notFound("Connection");
            case UnknownReference e -> ApiException.notFound("Action '" + actionId + "' of this connection");
            case null -> ApiException.conflict("The run " + failed.runId() + " ended: " + failed.error());
            default -> failed.cause();
        };
    }
}
