package dev.atom.workflows;

import java.util.List;

/**
 * Published after a commit that created, changed or deleted workflows or runs of a workspace (the ids only:
 * listeners read the current state through {@link WorkflowSearchItems}; an id no longer found was deleted).
 */
public record WorkflowItemsChanged(String workspaceId, List<String> workflowIds, List<String> runIds) {

    public WorkflowItemsChanged {
        workflowIds = List.copyOf(workflowIds);
        runIds = List.copyOf(runIds);
    }
}
