package dev.atom.workflows.internal;

import dev.atom.shared.Ids;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sub-workflow step: saves the child run's id as the step's waiting output before the child exists, then
 * queues the child (again on a resumed turn if a crash came in between, under the same id, so there is never a
 * second child). With {@code wait} the parent parks; the child's end makes it due ({@link #ended}), and a
 * slowly growing due time looks again in case that wake-up was missed. Thread-safe.
 */
@Component
class SubWorkflowStep {
    /** How deep runs may start runs: a guard against a workflow that (indirectly) starts itself. */
    static final int MAX_DEPTH = 5;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WorkflowRepository workflows;
    private final RunRepository runs;
    private final RunWaitRepository waits;
    private final Clock clock;
    private final WorkflowPrivacy privacy;

    SubWorkflowStep(
            WorkflowRepository workflows,
            RunRepository runs,
            RunWaitRepository waits,
            Clock clock,
            WorkflowPrivacy privacy) {
        this.workflows = workflows;
        this.privacy = privacy;
        this.runs = runs;
        this.waits = waits;
        this.clock = clock;
    }

    Outcome run(RunExecution execution, Step.SubWorkflow step, StepState saved) {
        Run parent = execution.run();
        Instant now = clock.instant();
        if (saved != null && saved.status() == StepStatus.WAITING) {
            JsonNode started = JSON.readTree(saved.output());
            String childId = started.path("runId").asString();
            Optional<Run> child = runs.find(parent.workspaceId(), childId);
            if (child.isEmpty()) {
                start(execution, step, childId, started.path("version").asInt(), now);
                return step.await() ? new Outcome.Parked(now.plusSeconds(1)) : done(execution, step, childId, null);
            }
            return check(execution, step, child.get(), now);
        }
        int depth = execution.context().path("trigger").path("depth").asInt(0) + 1;
        if (depth > MAX_DEPTH) {
            return execution.fail(
                    step,
                    null,
                    "sub-workflows nest deeper than " + MAX_DEPTH + " levels (does a workflow start itself?)");
        }
        Optional<Workflow> target =
                workflows.find(parent.workspaceId(), step.workflow()).filter(w -> w.activeVersion() != null);
        if (target.isEmpty()) {
            return execution.fail(step, null, "no published workflow '" + step.workflow() + "' in this workspace");
        }
        String parentOwner = workflows
                .find(parent.workspaceId(), parent.workflowId())
                .map(Workflow::createdBy)
                .orElse(null);
        if (!target.get().createdBy().equals(parentOwner) && privacy.isPrivate(target.get())) {
            // its runs act as its owner with their private things: only their own workflows may start it
            return execution.fail(
                    step,
                    null,
                    "the workflow '" + step.workflow() + "' is private to another member and cannot be started here");
        }
        String childId = Ids.newId();
        ObjectNode started = NODES.objectNode()
                .put("runId", childId)
                .put("workflowId", step.workflow())
                .put("version", target.get().activeVersion());
        execution.save(step, StepStatus.WAITING, 1, null, started, null, saved, now);
        execution.flush(); // the child's id is on record before the child exists
        start(execution, step, childId, target.get().activeVersion(), now);
        return step.await() ? new Outcome.Parked(now.plusSeconds(1)) : done(execution, step, childId, null);
    }

    /** Queues the child run (an input that does not render fails the step through a TemplateFailure). */
    private void start(RunExecution execution, Step.SubWorkflow step, String childId, int version, Instant now) {
        Run parent = execution.run();
        JsonNode input = step.input() == null ? NODES.objectNode() : execution.render(step.input());
        ObjectNode trigger = NODES.objectNode();
        trigger.set("input", input);
        trigger.put("type", "workflow");
        trigger.put("depth", execution.context().path("trigger").path("depth").asInt(0) + 1);
        trigger.putObject("parent")
                .put("runId", parent.id())
                .put("workflowId", parent.workflowId())
                .put("stepId", execution.key(step));
        runs.insert(Run.queued(
                childId, parent.workspaceId(), step.workflow(), version, JSON.writeValueAsString(trigger), now));
    }

    private Outcome check(RunExecution execution, Step.SubWorkflow step, Run child, Instant now) {
        if (!step.await()) {
            return done(execution, step, child.id(), null);
        }
        return switch (child.status()) {
            case SUCCEEDED -> done(execution, step, child.id(), child.output());
            case FAILED -> execution.fail(step, null, "sub-workflow run " + child.id() + " failed: " + child.error());
            case CANCELLED -> execution.fail(step, null, "sub-workflow run " + child.id() + " was cancelled");
            default -> {
                // woken by the child's end; until then look again, less often the longer it takes
                Duration waited = Duration.between(child.createdAt(), now);
                long seconds = Math.clamp(waited.toSeconds() / 10, 1, 300);
                yield new Outcome.Parked(now.plusSeconds(seconds));
            }
        };
    }

    private Outcome done(RunExecution execution, Step.SubWorkflow step, String childId, String output) {
        if (!step.await()) {
            return execution.succeed(step, null, NODES.objectNode().put("runId", childId));
        }
        return execution.succeed(step, null, output == null ? NODES.nullNode() : JSON.readTree(output));
    }

    /** A run ended: when it is a sub-workflow's, its waiting parent is due now. */
    void ended(Run run, RunStatus status, Instant now) {
        if (!status.terminal() || !run.triggerData().contains("\"parent\"")) {
            return;
        }
        JsonNode parent = JSON.readTree(run.triggerData()).path("parent");
        if (parent.path("runId").isString()) {
            waits.wake(run.workspaceId(), parent.get("runId").asString(), now);
        }
    }
}
