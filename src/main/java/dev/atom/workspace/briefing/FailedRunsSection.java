package dev.atom.workspace.briefing;

import dev.atom.workflows.WorkflowDigest;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;

/** Runs of the viewer's workflows started since the day before and failed. */
@Component
class FailedRunsSection implements BriefingSection {
    private final WorkflowDigest workflows;

    FailedRunsSection(WorkflowDigest workflows) {
        this.workflows = workflows;
    }

    @Override
    public SectionKind kind() {
        return SectionKind.FAILED_RUNS;
    }

    @Override
    public List<BriefingItem.FailedRun> items(BriefingRequest request) {
        var since = request.date().minusDays(1).atStartOfDay(request.zone()).toInstant();
        var until = request.isToday() ? request.now().plus(1, ChronoUnit.SECONDS) : request.dayEnd();
        return workflows.failedRuns(request.workspaceId(), request.viewerId(), since, until, request.limit()).stream()
                .map(r -> new BriefingItem.FailedRun(
                        r.runId(),
                        r.workflowId(),
                        r.workflowName(),
                        r.error(),
                        r.finishedAt() == null ? r.startedAt() : r.finishedAt(),
                        r.link()))
                .toList();
    }
}
