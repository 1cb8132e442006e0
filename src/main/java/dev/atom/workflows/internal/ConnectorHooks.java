package dev.atom.workflows.internal;

import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookDelivered;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.Webhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deliveries from a service (GitHub, Slack, Trello...) to the URL of a workflow whose trigger is a connector
 * webhook trigger: verified by the connector through {@link Webhooks#receive} (signature under the workflow's
 * signing secret, timestamp, replay), then one run with {@code {type, event}} if the filter lets it through.
 * The delivery id is recorded in the same transaction as the run, so a crash loses neither and a redelivery
 * starts nothing twice. Each verified delivery also announces {@link WebhookDelivered} for the trigger's connection
 * (the workspace's sync then looks again soon). Thread-safe.
 */
@Component
class ConnectorHooks {
    private final WebhookTargets targets;
    private final TriggerRepository triggers;
    private final TriggerRuns runs;
    private final TriggerSwitch switches;
    private final TriggerPoller filters;
    private final Webhooks webhooks;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ConnectorHooks(
            WebhookTargets targets,
            TriggerRepository triggers,
            TriggerRuns runs,
            TriggerSwitch switches,
            TriggerPoller filters,
            Webhooks webhooks,
            TransactionOperations transactions,
            Clock clock,
            ApplicationEventPublisher events) {
        this.targets = targets;
        this.triggers = triggers;
        this.runs = runs;
        this.switches = switches;
        this.filters = filters;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    /** The answer to a delivery when the token's workflow has a connector webhook trigger; else empty. */
    Optional<ResponseEntity<?>> receive(String token, Map<String, List<String>> headers, byte[] body) {
        Optional<Workflow> found = targets.listening(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Workflow w = found.get();
        var live = runs.live(w.workspaceId(), w.id());
        if (live.isEmpty()
                || live.get().definition() == null
                || !(live.get().definition().trigger() instanceof Definition.Trigger.ConnectorEvent c)
                || c.polls()) {
            return Optional.empty();
        }
        TriggerState state = triggers.find(w.workspaceId(), w.id()).orElse(null);
        String secret = state == null ? null : switches.signingSecret(state);
        if (secret == null) {
            return Optional.of(
                    problem(
                            HttpStatus.UNAUTHORIZED,
                            "This workflow has no signing secret yet: create one with POST /api/v1/workflows/{id}/webhook-secret"));
        }
        Instant now = clock.instant();
        try {
            String runId = transactions.execute(tx -> {
                TriggerEvent event = webhooks.receive(w.workspaceId(), c.type(), w.id(), headers, body, secret);
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                data.put("type", c.type());
                data.set("event", event.payload());
                return filters.passes(c, data, state) ? runs.queue(w, data, now) : "";
            });
            if (c.connectionId() != null) {
                events.publishEvent(new WebhookDelivered(w.workspaceId(), c.connectionId(), c.type(), now));
            }
            if (runId == null || runId.isEmpty()) {
                return Optional.of(ResponseEntity.ok(Map.of("status", "filtered")));
            }
            runs.wake();
            return Optional.of(ResponseEntity.accepted()
                    .header("X-Atom-Run-Id", runId)
                    .body(Map.of("runId", runId, "status", "queued")));
        } catch (WebhookRefusal r) {
            HttpStatus status = switch (r.reason()) {
                case REPLAYED -> HttpStatus.CONFLICT;
                case MALFORMED -> HttpStatus.BAD_REQUEST;
                default -> HttpStatus.UNAUTHORIZED;
            };
            return Optional.of(problem(status, r.getMessage()));
        }
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
