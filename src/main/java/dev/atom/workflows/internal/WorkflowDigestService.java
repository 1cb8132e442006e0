package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.workflows.WorkflowDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The workflows' part of a person's briefing, from the same rules as the approvals page ({@link
 * ApprovalService}) and the run history. Thread-safe (stateless).
 */
@Service
class WorkflowDigestService implements WorkflowDigest {
    private final ApprovalService approvals;
    private final WorkflowRepository workflows;
    private final RunRepository runs;

    WorkflowDigestService(ApprovalService approvals, WorkflowRepository workflows, RunRepository runs) {
        this.approvals = approvals;
        this.workflows = workflows;
        this.runs = runs;
    }

    @Override
    public List<PendingApproval> approvalsWaitingFor(String workspaceId, String userId, Role role, int limit) {
        Map<String, Workflow> byId = byId(workspaceId);
        return approvals.pending(new CurrentUser(userId, null, null, workspaceId, role)).stream()
                .filter(ApprovalService.Pending::canDecide)
                .limit(limit)
                .map(p -> new PendingApproval(
                        p.runId(),
                        p.stepId(),
                        p.workflowId(),
                        name(byId, p.workflowId()),
                        p.message(),
                        p.since() == null ? null : Instant.parse(p.since()),
                        p.until() == null ? null : parseOrNull(p.until()),
                        "/approvals#approval-" + p.runId() + "-" + p.stepId()))
                .toList();
    }

    @Override
    public List<FailedRun> failedRuns(String workspaceId, String ownerId, Instant since, Instant until, int limit) {
        List<FailedRun> out = new ArrayList<>();
        for (Workflow w : workflows.list(workspaceId)) {
            if (!w.createdBy().equals(ownerId)) {
                continue;
            }
            for (Run r : runs.list(workspaceId, w.id(), RunStatus.FAILED, since, until, limit)) {
                out.add(new FailedRun(
                        r.id(), w.id(), w.name(), r.error(), r.startedAt(), r.finishedAt(), "/runs/" + r.id()));
            }
        }
        out.sort(Comparator.comparing((FailedRun f) -> f.finishedAt() == null ? Instant.MIN : f.finishedAt())
                .reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private Map<String, Workflow> byId(String workspaceId) {
        return workflows.list(workspaceId).stream().collect(Collectors.toMap(Workflow::id, Function.identity()));
    }

    private static String name(Map<String, Workflow> byId, String workflowId) {
        Workflow w = byId.get(workflowId);
        return w == null ? "A deleted workflow" : w.name();
    }

    private static Instant parseOrNull(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
