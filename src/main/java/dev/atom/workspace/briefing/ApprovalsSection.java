package dev.atom.workspace.briefing;

import dev.atom.workflows.WorkflowDigest;
import java.util.List;
import org.springframework.stereotype.Component;

/** Approval steps waiting now that the viewer may decide (as the approvals page lists them). */
@Component
class ApprovalsSection implements BriefingSection {
    private final WorkflowDigest workflows;

    ApprovalsSection(WorkflowDigest workflows) {
        this.workflows = workflows;
    }

    @Override
    public SectionKind kind() {
        return SectionKind.APPROVALS;
    }

    @Override
    public List<BriefingItem.Approval> items(BriefingRequest request) {
        return workflows
                .approvalsWaitingFor(request.workspaceId(), request.viewerId(), request.viewerRole(), request.limit())
                .stream()
                .map(a -> new BriefingItem.Approval(
                        a.runId() + "/" + a.stepId(),
                        a.runId(),
                        a.stepId(),
                        a.workflowId(),
                        a.workflowName(),
                        a.message(),
                        a.since(),
                        a.link()))
                .toList();
    }
}
