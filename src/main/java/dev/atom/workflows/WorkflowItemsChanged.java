package dev.atom.workflows;

import java.util.List;

/**
 * Published (in the transaction that made it, so listeners hear it after the commit) when workflows or runs of a
 * workspace were created, changed or deleted: the ids only; listeners read the current state through {@link
 * WorkflowSearchItems}, and an id no longer found was deleted.
 */
public record WorkflowItemsChanged(String workspaceId, List<String> workflowIds, List<String> runIds) {

    public WorkflowItemsChanged {
        workflowIds = List.copyOf(workflowIds);
        runIds = List.copyOf(runIds);
    }

    public static WorkflowItemsChanged workflow(String workspaceId, String workflowId) {
        return new WorkflowItemsChanged(workspaceId, List.of(workflowId), List.of());
    }

    public static WorkflowItemsChanged runs(String workspaceId, List<String> runIds) {
        return new WorkflowItemsChanged(workspaceId, List.of(), runIds);
    }
}
