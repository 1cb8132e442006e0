package dev.atom.workflows;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Workflows and runs as search reads them, without depending on search: everything streamed (a rebuild), or
 * by id (after {@link WorkflowItemsChanged}), and who may see them. Thread-safe.
 */
public interface WorkflowSearchItems {

    /**
     * A workflow: {@code ownerOnly} when it is private to {@code ownerId} (it uses something of theirs alone), as
     * of when it was read.
     */
    record WorkflowItem(
            String id, String workspaceId, String name, String ownerId, boolean ownerOnly, Instant updatedAt) {}

    /**
     * A run: seen by whoever sees its workflow; {@code time} is when it finished, else when it started, else when
     * it was created.
     */
    record RunItem(
            String id,
            String workspaceId,
            String workflowId,
            String workflowName,
            String status,
            String error,
            String ownerId,
            boolean ownerOnly,
            Instant time) {}

    void forEachWorkflow(Consumer<WorkflowItem> sink);

    void forEachRun(Consumer<RunItem> sink);

    List<WorkflowItem> workflows(String workspaceId, List<String> ids);

    List<RunItem> runs(String workspaceId, List<String> ids);

    /** Every run of the workflow (their titles and privacy follow the workflow's name and privacy). */
    List<RunItem> runsOf(String workspaceId, String workflowId);

    /**
     * Of these workflow and run ids of the workspace, those {@code userId} may not see now (another member's
     * private workflow and its runs): privacy follows connections and keys, which change without touching the
     * workflow, so readers check again at read time.
     */
    Set<String> hiddenFrom(
            String workspaceId, String userId, Collection<String> workflowIds, Collection<String> runIds);
}
