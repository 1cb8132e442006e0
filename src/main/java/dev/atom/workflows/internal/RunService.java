package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starting runs (manual, webhook) and reading their history. A manual run is queued and taken by a worker; a
 * webhook whose trigger answers with the run's response runs its first turn inline on the request's thread,
 * so a workflow of pure steps costs one transaction; a workflow with a concurrency cap is queued instead and the
 * request waits for the run ({@link QueuedWebhookRuns}). Thread-safe.
 */
@Service
class RunService {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkflowRepository workflows;
    private final WebhookTargets targets;
    private final RunRepository runs;
    private final RunStepRepository steps;
    private final DefinitionCache definitions;
    private final RunEngine engine;
    private final EngineWorker worker;
    private final Clock clock;
    private final QueuedWebhookRuns queuedWebhooks;
    private final WorkflowPrivacy privacy;

    RunService(
            WorkflowRepository workflows,
            WebhookTargets targets,
            RunRepository runs,
            RunStepRepository steps,
            DefinitionCache definitions,
            RunEngine engine,
            EngineWorker worker,
            Clock clock,
            QueuedWebhookRuns queuedWebhooks,
            WorkflowPrivacy privacy) {
        this.privacy = privacy;
        this.workflows = workflows;
        this.targets = targets;
        this.runs = runs;
        this.steps = steps;
        this.definitions = definitions;
        this.engine = engine;
        this.worker = worker;
        this.clock = clock;
        this.queuedWebhooks = queuedWebhooks;
    }

    /** Queues a run of the active version with {@code {"input": input}} as its trigger. */
    String runNow(CurrentUser user, String workflowId, JsonNode input) {
        Workflow w = workflows
                .find(user.workspaceId(), workflowId)
                .filter(x -> privacy.visibleTo(x, user))
                .orElseThrow(() -> ApiException.notFound("Workflow"));
        if (w.activeVersion() == null) {
            throw ApiException.conflict("The workflow has no published version yet: publish it first");
        }
        ObjectNode trigger = JsonNodeFactory.instance.objectNode();
        trigger.set("input", input == null ? JsonNodeFactory.instance.objectNode() : input);
        trigger.put("type", "manual");
        trigger.put("by", user.userId());
        Instant now = clock.instant();
        Run run = Run.queued(
                Ids.newId(), w.workspaceId(), w.id(), w.activeVersion(), JSON.writeValueAsString(trigger), now);
        runs.insert(run);
        worker.wake();
        return run.id();
    }

    /** What a webhook call to a workflow came to. */
    record WebhookOutcome(String runId, RunEngine.TurnResult result) {}

    /**
     * Starts a run for a webhook call. Empty when the token names no enabled, published webhook workflow.
     * With {@code respond: last_step} the first turn runs here and its result comes back; otherwise the run
     * is queued and the result is null.
     */
    Optional<WebhookOutcome> webhook(String token, ObjectNode trigger) {
        Optional<Workflow> found = targets.listening(token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Workflow w = found.get();
        Definition definition;
        try {
            definition = definitions.get(w.workspaceId(), w.id(), w.activeVersion());
        } catch (DefinitionCache.InvalidDefinition e) {
            definition = null; // the run below fails and records why
        }
        if (definition != null && !(definition.trigger() instanceof Definition.Trigger.Webhook)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String text = JSON.writeValueAsString(trigger);
        boolean inline = definition == null || ((Definition.Trigger.Webhook) definition.trigger()).waitsForRun();
        // a workflow with a concurrency cap goes through the queue, where the cap holds across instances
        boolean capped = definition != null && definition.concurrency() > 0;
        if (!inline || capped) {
            Run run = Run.queued(Ids.newId(), w.workspaceId(), w.id(), w.activeVersion(), text, now);
            runs.insert(run);
            worker.wake();
            return Optional.of(new WebhookOutcome(run.id(), inline ? queuedWebhooks.await(run, definition) : null));
        }
        Run run = new Run(
                Ids.newId(),
                w.workspaceId(),
                w.id(),
                w.activeVersion(),
                RunStatus.RUNNING,
                text,
                null,
                null,
                now,
                engine.owner(),
                null,
                now,
                now,
                null);
        return Optional.of(new WebhookOutcome(run.id(), engine.turn(run, false)));
    }

    /** A run the user may see: a run of another member's private workflow is 404. */
    Run get(CurrentUser user, String runId) {
        return runs.find(user.workspaceId(), runId)
                .filter(r -> privacy.runVisibleTo(r, user))
                .orElseThrow(() -> ApiException.notFound("Run"));
    }

    List<StepState> steps(Run run) {
        return steps.list(run.workspaceId(), run.id());
    }

    /** How each attempt of the run's steps with several attempts ended, by step id. */
    Map<String, List<RunStepRepository.Attempt>> attempts(Run run) {
        return steps.attempts(run.workspaceId(), run.id()).stream()
                .collect(Collectors.groupingBy(RunStepRepository.Attempt::stepId));
    }

    List<Run> list(CurrentUser user, String workflowId, RunStatus status, Instant since, Instant before, int limit) {
        return visible(user, runs.list(user.workspaceId(), workflowId, status, since, before, limit));
    }

    /** One page of a runs list, newest first; {@code next} is null on the last page. */
    record RunPage(List<Run> runs, RunCursor next) {}

    /** A page after {@code after} (null: the first); reads one run more than asked to know if there is more. */
    RunPage page(
            CurrentUser user,
            String workflowId,
            RunStatus status,
            Instant since,
            Instant before,
            RunCursor after,
            int limit) {
        return page(user, workflowId, null, status, since, before, after, limit);
    }

    /** The same, only runs started by {@code trigger} ({@code chat}, {@code api}, {@code manual}...) when given. */
    RunPage page(
            CurrentUser user,
            String workflowId,
            String trigger,
            RunStatus status,
            Instant since,
            Instant before,
            RunCursor after,
            int limit) {
        List<Run> rows = runs.list(user.workspaceId(), workflowId, trigger, status, since, before, after, limit + 1);
        if (rows.size() <= limit) {
            return new RunPage(visible(user, rows), null);
        }
        List<Run> page = rows.subList(0, limit);
        // the cursor follows the rows read, so a page may hold fewer runs than asked when some are not the caller's
        return new RunPage(visible(user, page), RunCursor.after(page.getLast()));
    }

    /** The runs the user may see: another member's private workflow's runs are left out. */
    private List<Run> visible(CurrentUser user, List<Run> rows) {
        Map<String, Boolean> seen = new java.util.HashMap<>();
        return rows.stream()
                .filter(r -> seen.computeIfAbsent(r.workflowId(), id -> privacy.runVisibleTo(r, user)))
                .toList();
    }

    Run cancel(CurrentUser user, String runId) {
        Run run = get(user, runId);
        if (!runs.cancel(user.workspaceId(), runId, clock.instant())
                && !run.status().terminal()) {
            throw ApiException.conflict("The run could not be cancelled");
        }
        if (run.status().terminal()) {
            throw ApiException.conflict("The run already " + run.status().wire());
        }
        return get(user, runId);
    }
}
