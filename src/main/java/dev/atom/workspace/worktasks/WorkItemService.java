package dev.atom.workspace.worktasks;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.UnknownReference;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A person's work items from their connected trackers: what the tasks API and page list beside Atom's own tasks,
 * and completing or re-dating one, written through its connector first and then to Atom's copy (so the list shows
 * the change at once, before the next sync). Every call names the viewer; another member's or workspace's item
 * behaves as if it did not exist. Thread-safe.
 */
@Service
public class WorkItemService {
    /** The connectors whose work items Atom syncs, in the order the page offers them. */
    public static final List<String> SOURCES =
            List.of("github", "jira", "asana", "trello", "notion", "google-tasks", "microsoft-todo");

    private final WorkItemRepository items;
    private final WorkItemSearch search;
    private final Connectors connectors;

    WorkItemService(WorkItemRepository items, WorkItemSearch search, Connectors connectors) {
        this.items = items;
        this.search = search;
        this.connectors = connectors;
    }

    public List<WorkItem> list(String workspaceId, String viewerId, WorkItemFilter filter, int offset, int limit) {
        return items.list(workspaceId, viewerId, filter, offset, limit);
    }

    public Optional<WorkItem> find(String workspaceId, String viewerId, String id) {
        return Ids.isValid(id) ? items.find(workspaceId, viewerId, id) : Optional.empty();
    }

    /**
     * For the daily briefing: the viewer's unfinished work items due on or before {@code today} (overdue ones
     * first, then today's), from every connection they own.
     */
    public List<WorkItem> dueOrOverdue(String workspaceId, String viewerId, LocalDate today) {
        return items.dueBy(workspaceId, viewerId, today);
    }

    /** Marks the item finished at its service, then here. */
    public WorkItem complete(String workspaceId, String viewerId, String id) {
        WorkItem w = require(workspaceId, viewerId, id);
        if (w.item().done()) {
            return w;
        }
        WorkItemWrites.Call call = WorkItemWrites.complete(w);
        run(viewerId, w, call);
        return saved(w, true, call.statusAfter(), w.item().dueDate());
    }

    /** Sets (or with null clears) the item's due date at its service, then here. */
    public WorkItem redate(String workspaceId, String viewerId, String id, LocalDate due) {
        WorkItem w = require(workspaceId, viewerId, id);
        run(viewerId, w, WorkItemWrites.redate(w, due));
        return saved(w, w.item().done(), w.item().status(), due);
    }

    private WorkItem require(String workspaceId, String viewerId, String id) {
        return find(workspaceId, viewerId, id).orElseThrow(() -> ApiException.notFound("Task"));
    }

    private WorkItem saved(WorkItem w, boolean done, String status, LocalDate due) {
        items.updateLocal(w.workspaceId(), w.id(), done, status, due);
        WorkItem now = items.byId(w.workspaceId(), w.id()).orElse(w);
        search.publish(List.of(now), List.of());
        return now;
    }

    /** Runs the write; the service's refusals become problems the person can act on. */
    private void run(String actingUserId, WorkItem w, WorkItemWrites.Call call) {
        String service = connectors.connector(w.connector()).map(c -> c.name()).orElse(w.connector());
        try {
            connectors.runRecorded(
                    new Connectors.Caller(w.workspaceId(), actingUserId),
                    w.connectionId(),
                    call.actionId(),
                    call.input(),
                    null);
        } catch (ConnectorException.NeedsReconnect e) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "needs-reconnect",
                    "The " + service + " connection needs reconnecting before Atom can change this item ("
                            + e.getMessage() + ")");
        } catch (ConnectorException.Retriable e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable",
                    service + " did not answer; try again in a moment (" + e.getMessage() + ")");
        } catch (ConnectorException.NotFound e) {
            // deleted at the service (or moved where the connection cannot see it) since the last sync
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    service + " no longer has \"" + w.item().title() + "\" (" + e.getMessage() + ")");
        } catch (ConnectorException.Permanent e) {
            HttpStatus status = e.status() == 403 || e.status() == 404 ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
            throw new ApiException(
                    status,
                    status == HttpStatus.FORBIDDEN ? "not-allowed" : "refused",
                    service + " refused the change: " + e.getMessage());
        } catch (ConnectorException.InvalidInput e) {
            throw new ApiException(HttpStatus.CONFLICT, "refused", service + " refused the change: " + e.getMessage());
        } catch (UnknownReference e) {
            throw ApiException.notFound("Task"); // the connection went away meanwhile
        }
    }
}
