package dev.atom.workflows.internal;

import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An approval: the first turn saves the request (message, approvers, deadline) as the step's waiting output
 * and parks the run until the deadline, or with no due time when there is none. A decision ({@link
 * ApprovalService}) is written into that output and wakes the run; the next turn reads it, or at the
 * deadline applies {@code onTimeout}. All of it is in the tables, so it survives restarts.
 */
final class ApprovalStep {
    static final String KIND = "approval";
    private final RunExecution execution;
    private final EngineParts parts;

    ApprovalStep(RunExecution execution, EngineParts parts) {
        this.execution = execution;
        this.parts = parts;
    }

    Outcome run(Step.Approval step, StepState saved) {
        Instant now = parts.now();
        if (saved != null && saved.status() == StepStatus.WAITING) {
            ObjectNode request = (ObjectNode) parts.json(saved.output());
            if (request.hasNonNull("decision")) {
                return decided(step, saved, request);
            }
            Instant until = request.hasNonNull("until")
                    ? Instant.parse(request.get("until").asString())
                    : null;
            if (until != null && !now.isBefore(until)) {
                request.put("decision", step.approveOnTimeout() ? "approve" : "reject");
                request.putNull("by");
                request.put("at", now.toString());
                request.put("timedOut", true);
                return decided(step, saved, request);
            }
            return new Outcome.Parked(until);
        }
        JsonNode message = execution.render(step.message());
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("type", KIND);
        request.put("message", message.isString() ? message.asString() : message.toString());
        var approvers = request.putArray("approvers");
        step.approvers().forEach(approvers::add);
        Instant until = step.timeout() == null ? null : now.plus(step.timeout());
        if (until != null) {
            request.put("until", until.toString());
        }
        execution.save(step, StepStatus.WAITING, 1, null, request, null, saved, now);
        return new Outcome.Parked(until);
    }

    private Outcome decided(Step.Approval step, StepState saved, ObjectNode request) {
        boolean approved = "approve".equals(request.path("decision").asString(""));
        if (approved || step.continueOnReject()) {
            return execution.succeed(step, null, request);
        }
        String by = request.path("by").isString() ? " by " + request.get("by").asString() : "";
        String why = request.path("timedOut").asBoolean(false)
                ? "not decided before " + request.path("until").asString() + " (onTimeout: reject)"
                : "rejected" + by
                        + (request.path("comment").isString()
                                        && !request.get("comment").asString().isBlank()
                                ? ": " + request.get("comment").asString()
                                : "");
        execution.save(step, StepStatus.FAILED, saved.attempts(), null, request, why, saved, parts.now());
        return new Outcome.Failed(execution.key(step) + ": " + why);
    }
}
