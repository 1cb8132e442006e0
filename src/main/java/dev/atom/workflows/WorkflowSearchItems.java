package dev.atom.workflows;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Workflows and runs as search reads them, without depending on search: everything streamed (a rebuild), or
 * by id (after {@link WorkflowItemsChanged}). Thread-safe.
 */
public interface WorkflowSearchItems {

    record WorkflowItem(String id, String workspaceId, String name, Instant updatedAt) {}

    /** A run: {@code time} is when it finished, or was created while it has not. */
    record RunItem(
            String id,
            String workspaceId,
            String workflowId,
            String workflowName,
            String status,
            String error,
            Instant time) {}

    void forEachWorkflow(Consumer<WorkflowItem> sink);

    void forEachRun(Consumer<RunItem> sink);

    List<WorkflowItem> workflows(String workspaceId, List<String> ids);

    List<RunItem> runs(String workspaceId, List<String> ids);
}
