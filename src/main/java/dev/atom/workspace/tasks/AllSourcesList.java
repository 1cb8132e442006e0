package dev.atom.workspace.tasks;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import dev.atom.workspace.worktasks.WorkItem;
import dev.atom.workspace.worktasks.WorkItemFilter;
import dev.atom.workspace.worktasks.WorkItemService;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The task list with {@code source}: {@code atom} (or none) is Atom's tasks alone, as always; {@code all} is Atom's
 * tasks followed by the caller's work items from every connected tracker; a connector id ({@code github}...) is
 * that tracker's items alone. Atom's pages come first with their own cursors; once they end, the list goes on
 * with work items, whose cursor is {@code w:<offset>}. Thread-safe (stateless).
 */
@Component
class AllSourcesList {
    private final TaskService tasks;
    private final WorkItemService workItems;

    AllSourcesList(TaskService tasks, WorkItemService workItems) {
        this.tasks = tasks;
        this.workItems = workItems;
    }

    /** The filter-free query of a connector's or all sources' list, so the page can reuse it. */
    static boolean isAtom(String source) {
        return source == null || source.isBlank() || source.strip().equals("atom");
    }

    static String checkSource(String source) {
        String s = source.strip();
        if (!s.equals("all") && !WorkItemService.SOURCES.contains(s)) {
            throw ApiException.invalid(
                    "source", "must be atom, all or one of " + String.join(", ", WorkItemService.SOURCES));
        }
        return s;
    }

    /** A page of the list; {@code cursor} is raw so that {@code w:} cursors bypass the task cursor's checks. */
    WorkItemJson.MixedPage list(CurrentUser user, String source, TaskQueryParams params) {
        String s = checkSource(source);
        String cursor = params.cursor();
        boolean inWorkItems = cursor != null && cursor.startsWith("w:");
        TaskQuery query = params.query(inWorkItems || !s.equals("all") ? null : cursor);
        List<Object> out = new ArrayList<>();
        int offset = 0;
        if (inWorkItems) {
            try {
                offset = Integer.parseInt(cursor.substring(2));
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0) {
                throw ApiException.invalid("cursor", "is not a cursor of this list and sort");
            }
        } else if (s.equals("all")) {
            TaskRepository.Page page = tasks.list(user, query);
            page.items().forEach(t -> out.add(TaskJson.of(t)));
            if (page.nextCursor() != null) {
                return new WorkItemJson.MixedPage(out, page.nextCursor());
            }
        } else if (cursor != null) {
            throw ApiException.invalid("cursor", "is not a cursor of this list and sort");
        }
        int room = query.limit() - out.size();
        WorkItemFilter filter = filter(user, s, query);
        if (filter == null) {
            return new WorkItemJson.MixedPage(out, null);
        }
        List<WorkItem> items = workItems.list(user.workspaceId(), user.userId(), filter, offset, room + 1);
        items.stream().limit(room).forEach(w -> out.add(WorkItemJson.of(w, user.userId())));
        return new WorkItemJson.MixedPage(out, items.size() > room ? "w:" + (offset + room) : null);
    }

    /** The task filters as they apply to work items; null when they exclude every work item (a tag, someone else). */
    private static WorkItemFilter filter(CurrentUser user, String source, TaskQuery q) {
        if (q.tag() != null || (q.assigneeId() != null && !q.assigneeId().equals(user.userId()))) {
            return null;
        }
        Boolean done = null;
        if (!q.statuses().isEmpty()) {
            boolean wantsDone = q.statuses().contains(TaskStatus.DONE);
            boolean wantsOpen =
                    q.statuses().contains(TaskStatus.TODO) || q.statuses().contains(TaskStatus.DOING);
            done = wantsDone && wantsOpen ? null : wantsDone;
        }
        return new WorkItemFilter(
                done,
                q.text(),
                q.dueBefore() == null
                        ? null
                        : q.dueBefore().atZone(ZoneOffset.UTC).toLocalDate(),
                source.equals("all") ? null : source,
                q.project());
    }

    /** The list's query parameters, parsed into a {@link TaskQuery} with the cursor given (or none). */
    record TaskQueryParams(
            List<String> status,
            String tag,
            String dueBefore,
            String q,
            String assignee,
            String project,
            String sort,
            String limit,
            String cursor) {
        TaskQuery query(String taskCursor) {
            return TaskQueries.parse(
                    status, tag, dueBefore, q, assignee, project, sort, limit, taskCursor, new FieldErrors());
        }
    }
}
