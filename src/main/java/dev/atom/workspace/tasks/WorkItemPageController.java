package dev.atom.workspace.tasks;

import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.workspace.worktasks.WorkItem;
import dev.atom.workspace.worktasks.WorkItemFilter;
import dev.atom.workspace.worktasks.WorkItemService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The tasks page's rows for work items from other apps: completing and re-dating one (written through its
 * connector). A refusal comes back as the same row with the reason in it (200, so htmx swaps it in).
 */
@Controller
class WorkItemPageController {
    static final int SHOWN = 100;
    private final WorkItemService workItems;
    private final Connectors connectors;
    private final Clock clock;

    WorkItemPageController(WorkItemService workItems, Connectors connectors, Clock clock) {
        this.workItems = workItems;
        this.connectors = connectors;
        this.clock = clock;
    }

    static String sourceName(String source) {
        return switch (source) {
            case "github" -> "GitHub";
            case "jira" -> "Jira";
            case "asana" -> "Asana";
            case "trello" -> "Trello";
            case "notion" -> "Notion";
            case "google-tasks" -> "Google Tasks";
            case "microsoft-todo" -> "Microsoft To Do";
            case "all" -> "all apps";
            default -> "Atom";
        };
    }

    /** The viewer's work items for the list's filters; {@code source} is all or a connector id. */
    List<WorkItemView> views(CurrentUser user, String source, String status, String q) {
        Boolean done = status == null || status.isBlank() ? null : status.equals("done");
        WorkItemFilter filter = new WorkItemFilter(
                done, q == null || q.isBlank() ? null : q.strip(), null, source.equals("all") ? null : source, null);
        return workItems.list(user.workspaceId(), user.userId(), filter, 0, SHOWN).stream()
                .map(w -> view(w, null))
                .toList();
    }

    @PostMapping("/tasks/work/{id}/complete")
    String complete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        WorkItem before = require(user, id);
        try {
            model.addAttribute("w", view(workItems.complete(user.workspaceId(), user.userId(), id), null));
        } catch (ApiException e) {
            model.addAttribute("w", failed(before, e));
        }
        return "tasks/work-items :: work-row";
    }

    @PostMapping("/tasks/work/{id}/due")
    String redate(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String dueDate,
            Model model) {
        WorkItem before = require(user, id);
        try {
            LocalDate due = dueDate == null || dueDate.isBlank() ? null : LocalDate.parse(dueDate.strip());
            model.addAttribute("w", view(workItems.redate(user.workspaceId(), user.userId(), id, due), null));
        } catch (DateTimeParseException e) {
            model.addAttribute("w", view(before, "The due date must be a date."));
        } catch (ApiException e) {
            model.addAttribute("w", failed(before, e));
        }
        return "tasks/work-items :: work-row";
    }

    private WorkItem require(CurrentUser user, String id) {
        return workItems.find(user.workspaceId(), user.userId(), id).orElseThrow(() -> ApiException.notFound("Task"));
    }

    private WorkItemView failed(WorkItem w, ApiException e) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            throw e;
        }
        String hint = "needs-reconnect".equals(e.type()) ? " Reconnect it on the Connections page." : "";
        return view(w, e.getMessage() + hint);
    }

    private WorkItemView view(WorkItem w, String error) {
        String name = connectors.connector(w.connector()).map(c -> c.name()).orElse(w.connector());
        return WorkItemView.of(w, name, LocalDate.now(clock.withZone(ZoneOffset.UTC)), error);
    }
}
