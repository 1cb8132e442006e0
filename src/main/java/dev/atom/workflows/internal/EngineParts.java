package dev.atom.workflows.internal;

import dev.atom.connectors.Action;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every run needs from outside: the template evaluator, the connectors, the clock, JSON, and the rules
 * for what is stored (size caps, secrets redacted). Thread-safe.
 */
@Component
class EngineParts {
    /** Stored inputs and outputs larger than this are replaced by a marker with their size. */
    static final int MAX_STORED_CHARS = 256 * 1024;

    static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(authorization|password|passwd|secret|token|api[-_]?key|cookie).*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Templates templates;
    private final Connectors connectors;
    private final Clock clock;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    /** Calls in flight per connection, so one busy workflow cannot flood an account. */
    private final ConnectionSlots perConnection;

    private final StepServices steps;
    private final RunStepRepository stepRows;
    private final WorkflowRepository workflows;
    private final ActionRunOutcomes actionOutcomes;

    EngineParts(
            Templates templates,
            Connectors connectors,
            Clock clock,
            ConnectionSlots perConnection,
            RunStepRepository stepRows,
            StepServices steps,
            WorkflowRepository workflows,
            ActionRunOutcomes actionOutcomes) {
        this.actionOutcomes = actionOutcomes;
        this.templates = templates;
        this.connectors = connectors;
        this.clock = clock;
        this.perConnection = perConnection;
        this.stepRows = stepRows;
        this.steps = steps;
        this.workflows = workflows;
    }

    /** Attempts of a run's step that a stopped worker cut short, counting the one just found cut short. */
    int interruptions(Run run, StepState saved) {
        if (saved == null) {
            return 0;
        }
        int earlier = saved.attempts() > 1 ? stepRows.interruptions(run.workspaceId(), run.id(), saved.stepId()) : 0;
        return earlier + (saved.status() == StepState.StepStatus.RUNNING ? 1 : 0);
    }

    ActionRunOutcomes actionOutcomes() {
        return actionOutcomes;
    }

    /**
     * Whether an attempt of the action cut short by a stop may be made again: not for one that reaches people
     * without an idempotency key (a mail, a chat message), which the service would deliver twice.
     */
    boolean repeatable(String actionId) {
        return connectors
                .action(actionId)
                .map(i -> !(i.action().reachesPeople() && i.action().idempotency() == Action.Idempotency.NONE))
                .orElse(true);
    }

    StepServices steps() {
        return steps;
    }

    Templates templates() {
        return templates;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Whom a run acts for: its workflow's owner. Connections are used on the owner's behalf, so a private one
     * only while it is still theirs and they are still a member ({@link Connectors#run(Connectors.Caller, String,
     * String, JsonNode, String)} refuses otherwise, before any call).
     */
    Connectors.Caller caller(Run run) {
        if (ActionRunDefinitions.isActionRun(run)) { // no workflow: the person who approved or called it
            return new Connectors.Caller(
                    run.workspaceId(), json(run.triggerData()).path("by").asString(null));
        }
        String owner = workflows
                .find(run.workspaceId(), run.workflowId())
                .map(Workflow::createdBy)
                .orElse(null);
        return new Connectors.Caller(run.workspaceId(), owner);
    }

    /**
     * Runs an action step's call with its timeout, on behalf of {@code caller}. A timeout is retriable: the call
     * may or may not have happened, and the idempotency key lets the service tell.
     */
    JsonNode runAction(Connectors.Caller caller, Step.Action step, JsonNode input, String idempotencyKey) {
        return runAction(caller, step, input, idempotencyKey, false);
    }

    /**
     * The same; {@code recorded}: the call goes to the connection's call log and the audit log under the caller
     * ({@link Connectors#runRecorded}), as a person's own calls (action runs) are.
     */
    JsonNode runAction(
            Connectors.Caller caller, Step.Action step, JsonNode input, String idempotencyKey, boolean recorded) {
        String workspaceId = caller.workspaceId();
        String key = step.connection() == null ? workspaceId + ":" + step.action() : step.connection();
        ConnectionSlots.Held slot;
        try {
            slot = perConnection.acquire(key, DEFAULT_STEP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException.Retriable(0, "interrupted", null);
        }
        if (slot == null) {
            throw new ConnectorException.Retriable(0, "too many calls in flight on this connection", null);
        }
        try (slot) {
            return call(caller, step, input, idempotencyKey, recorded);
        }
    }

    private JsonNode call(
            Connectors.Caller caller, Step.Action step, JsonNode input, String idempotencyKey, boolean recorded) {
        Future<JsonNode> call = calls.submit(() -> step.connection() == null
                ? connectors.runWithoutConnection(
                        caller.workspaceId(), caller.userId(), step.action(), input, idempotencyKey)
                : recorded
                        ? connectors.runRecorded(caller, step.connection(), step.action(), input, idempotencyKey)
                        : connectors.run(caller, step.connection(), step.action(), input, idempotencyKey));
        Duration timeout = step.timeout() == null ? DEFAULT_STEP_TIMEOUT : step.timeout();
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ConnectorException.Retriable(0, "timed out after " + timeout, null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectorException.Retriable(0, "interrupted", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    JsonNode json(String text) {
        return text == null ? JsonNodeFactory.instance.nullNode() : JSON.readTree(text);
    }

    String text(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /** The JSON text to store: as is, or a marker saying it was too large. */
    String capped(JsonNode value) {
        String text = text(value);
        if (text.length() <= MAX_STORED_CHARS) {
            return text;
        }
        ObjectNode marker = JsonNodeFactory.instance.objectNode();
        marker.put("truncated", true).put("chars", text.length());
        return text(marker);
    }

    String cappedText(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
    }

    /** A copy with the values of secret-looking fields (authorization, token, password...) replaced. */
    JsonNode redacted(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(
                        e.getKey(),
                        SECRET_NAME.matcher(e.getKey()).matches()
                                        && !e.getValue().isContainer()
                                ? JsonNodeFactory.instance.stringNode("[redacted]")
                                : redacted(e.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> copy.add(redacted(v)));
            return copy;
        }
        return value;
    }
}
