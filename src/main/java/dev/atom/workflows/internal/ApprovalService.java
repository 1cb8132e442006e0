package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.web.ApiException;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * People's side of approval steps: the workspace's pending approvals, and deciding one. A decision is
 * written into the waiting step's output while this holds the run's lease (so no worker resumes the run
 * half-way through), and makes the run due at once. Thread-safe.
 */
@Service
class ApprovalService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PENDING = 200;

    private final RunStepRepository steps;
    private final RunRepository runs;
    private final RunWaitRepository waits;
    private final TransactionOperations transactions;
    private final EngineWorker worker;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WorkflowPrivacy privacy;

    ApprovalService(
            RunStepRepository steps,
            RunRepository runs,
            RunWaitRepository waits,
            TransactionOperations transactions,
            EngineWorker worker,
            ApplicationEventPublisher events,
            Clock clock,
            WorkflowPrivacy privacy) {
        this.privacy = privacy;
        this.steps = steps;
        this.runs = runs;
        this.waits = waits;
        this.transactions = transactions;
        this.worker = worker;
        this.events = events;
        this.clock = clock;
    }

    /** A pending approval as the API shows it. */
    record Pending(
            String runId,
            String workflowId,
            String stepId,
            String message,
            List<String> approvers,
            String until,
            String since,
            boolean canDecide) {}

    List<Pending> pending(CurrentUser user) {
        List<Pending> out = new ArrayList<>();
        for (RunWaitRepository.WaitingStep w : waits.waitingSteps(user.workspaceId(), MAX_PENDING)) {
            JsonNode request = w.output() == null ? null : JSON.readTree(w.output());
            if (!isOpen(request)) {
                continue;
            }
            List<String> approvers = approvers(request);
            if (!approvers.contains(user.userId()) && !privacy.workflowVisibleTo(user, w.workflowId())) {
                continue; // another member's private workflow, unless its owner named this user to decide
            }
            out.add(new Pending(
                    w.runId(),
                    w.workflowId(),
                    w.stepId(),
                    request.path("message").asString(""),
                    approvers,
                    request.path("until").isString() ? request.get("until").asString() : null,
                    w.since() == null ? null : w.since().toString(),
                    FlowStepParsers.mayDecide(approvers, user.userId(), user.role())));
        }
        return out;
    }

    /**
     * 404 unless the run is the workspace's and the user may see it, or its owner named the user as an approver
     * of a step it waits on (before the body is judged).
     */
    void requireRun(CurrentUser user, String runId) {
        Run run = runs.find(user.workspaceId(), runId).orElseThrow(() -> ApiException.notFound("Run"));
        if (!privacy.runVisibleTo(run, user) && !namedApprover(user, runId)) {
            throw ApiException.notFound("Run");
        }
    }

    private boolean namedApprover(CurrentUser user, String runId) {
        return waits.waitingSteps(user.workspaceId(), MAX_PENDING).stream()
                .filter(w -> w.runId().equals(runId))
                .map(w -> w.output() == null ? null : JSON.readTree(w.output()))
                .anyMatch(r -> isOpen(r) && approvers(r).contains(user.userId()));
    }

    /** Records {@code decision} (approve or reject) on the run's waiting approval step and wakes the run. */
    JsonNode decide(CurrentUser user, String runId, String stepId, String decision, String comment) {
        requireRun(user, runId);
        Instant now = clock.instant();
        String holder = "approval-" + Ids.newId();
        JsonNode decided = transactions.execute(tx -> {
            if (!waits.hold(user.workspaceId(), runId, holder, now, now.plus(Duration.ofSeconds(30)))) {
                throw ApiException.conflict("The run is not waiting for an approval (or is being resumed right now)");
            }
            StepState step = steps.list(user.workspaceId(), runId).stream()
                    .filter(s -> s.stepId().equals(stepId) && s.status() == StepStatus.WAITING)
                    .findFirst()
                    .orElseThrow(() -> ApiException.notFound("Approval"));
            JsonNode request = step.output() == null ? null : JSON.readTree(step.output());
            if (request != null && request.hasNonNull("decision")) {
                throw ApiException.conflict("The approval was already decided");
            }
            if (!isOpen(request)) {
                throw ApiException.notFound("Approval");
            }
            if (!FlowStepParsers.mayDecide(approvers(request), user.userId(), user.role())) {
                throw ApiException.forbidden("You are not one of this step's approvers");
            }
            ObjectNode output = ((ObjectNode) request).deepCopy();
            output.put("decision", decision);
            output.put("by", user.userId());
            output.put("byName", user.name());
            output.put("at", now.toString());
            if (comment == null) {
                output.putNull("comment");
            } else {
                output.put("comment", comment);
            }
            steps.save(new StepState(
                    step.runId(),
                    step.stepId(),
                    step.workspaceId(),
                    step.seq(),
                    step.status(),
                    step.attempts(),
                    step.input(),
                    JSON.writeValueAsString(output),
                    step.error(),
                    step.startedAt(),
                    step.finishedAt()));
            waits.releaseDue(runId, holder, now);
            return output;
        });
        worker.wake();
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "workflow.approval." + decision,
                Map.of("run", runId, "step", stepId),
                null));
        return decided;
    }

    private static boolean isOpen(JsonNode request) {
        return request != null
                && ApprovalStep.KIND.equals(request.path("type").asString(""))
                && !request.hasNonNull("decision");
    }

    private static List<String> approvers(JsonNode request) {
        List<String> out = new ArrayList<>();
        request.path("approvers").forEach(a -> out.add(a.asString()));
        return out;
    }
}
