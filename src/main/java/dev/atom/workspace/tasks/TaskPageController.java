package dev.atom.workspace.tasks;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tasks page and the htmx fragments it swaps in: the list (filtered), the create form, a row and its
 * edit form. Validation problems come back as the same form with the errors in place (200, so htmx swaps).
 */
@Controller
class TaskPageController {
    private static final String FRAGMENTS = "tasks/fragments";
    private static final int PAGE_SIZE = 50;
    private final TaskService service;
    private final WorkItemPageController workItems;

    TaskPageController(TaskService service, WorkItemPageController workItems) {
        this.service = service;
        this.workItems = workItems;
    }

    @GetMapping("/tasks")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("form", Map.of());
        model.addAttribute("errors", Map.of());
        list(user, Map.of(), model);
        return "tasks/page";
    }

    @GetMapping("/tasks/list")
    String items(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> filters, Model model) {
        list(user, filters, model);
        return FRAGMENTS + " :: items";
    }

    @PostMapping("/tasks")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam Map<String, String> form,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        try {
            FieldErrors errors = new FieldErrors();
            service.create(user, TaskInput.parse(body(form, null), true, errors), errors);
            response.setHeader("HX-Trigger", "tasks-changed");
            model.addAttribute("form", Map.of());
            model.addAttribute("errors", Map.of());
        } catch (ApiException e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", messages(e));
        }
        return FRAGMENTS + " :: create-form";
    }

    @GetMapping("/tasks/{id}/row")
    String row(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("t", TaskView.of(service.get(user, id)));
        return FRAGMENTS + " :: row";
    }

    @GetMapping("/tasks/{id}/edit")
    String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        TaskView t = TaskView.of(service.get(user, id));
        model.addAttribute("t", t);
        model.addAttribute("form", editValues(t));
        model.addAttribute("errors", Map.of());
        return FRAGMENTS + " :: edit";
    }

    @PostMapping("/tasks/{id}")
    String update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model) {
        Task current = service.get(user, id);
        try {
            FieldErrors errors = new FieldErrors();
            Task saved = service.update(user, id, TaskInput.parse(body(form, current), false, errors), errors);
            model.addAttribute("t", TaskView.of(saved));
            return FRAGMENTS + " :: row";
        } catch (ApiException e) {
            model.addAttribute("t", TaskView.of(current));
            model.addAttribute("form", form);
            model.addAttribute("errors", messages(e));
            return FRAGMENTS + " :: edit";
        }
    }

    @PostMapping("/tasks/{id}/complete")
    String complete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        return setStatus(user, id, TaskStatus.DONE, model);
    }

    @PostMapping("/tasks/{id}/reopen")
    String reopen(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        return setStatus(user, id, TaskStatus.TODO, model);
    }

    @DeleteMapping("/tasks/{id}")
    ResponseEntity<String> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        service.delete(user, id);
        // an empty 200 makes htmx remove the row; the event refreshes the list (for its empty state)
        return ResponseEntity.ok().header("HX-Trigger", "tasks-changed").body("");
    }

    private String setStatus(CurrentUser user, String id, TaskStatus status, Model model) {
        FieldErrors errors = new FieldErrors();
        Task saved = service.update(user, id, TaskChanges.none().withStatus(status), errors);
        model.addAttribute("t", TaskView.of(saved));
        return FRAGMENTS + " :: row";
    }

    private void list(CurrentUser user, Map<String, String> filters, Model model) {
        String status = filters.get("status");
        String source = AllSourcesList.isAtom(filters.get("source"))
                ? "atom"
                : AllSourcesList.checkSource(filters.get("source"));
        model.addAttribute("source", source);
        model.addAttribute("sourceName", WorkItemPageController.sourceName(source));
        model.addAttribute(
                "workItems",
                source.equals("atom")
                                || (filters.get("tag") != null
                                        && !filters.get("tag").isBlank())
                        ? null
                        : workItems.views(user, source, status, filters.get("q")));
        if (!source.equals("atom") && !source.equals("all")) {
            model.addAttribute("tasks", List.of());
            model.addAttribute("nextCursor", null);
            model.addAttribute("filters", filters);
            model.addAttribute("firstPage", true);
            return;
        }
        TaskQuery query = TaskQueries.parse(
                status == null ? null : List.of(status),
                filters.get("tag"),
                null,
                filters.get("q"),
                null,
                null,
                null,
                String.valueOf(PAGE_SIZE),
                filters.get("cursor"),
                new FieldErrors());
        TaskRepository.Page page = service.list(user, query);
        model.addAttribute("tasks", page.items().stream().map(TaskView::of).toList());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("filters", filters);
        model.addAttribute("firstPage", filters.get("cursor") == null);
    }

    /**
     * The form as a JSON request body. Tags come comma-separated. An unchanged due date is left out, so that
     * saving an edit never rounds a due time set through the API to the form's minutes.
     */
    private static ObjectNode body(Map<String, String> form, Task current) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("title", "notes", "status", "priority", "project")) {
            if (form.containsKey(field)) {
                body.put(field, form.get(field));
            }
        }
        if (form.containsKey("tags")) {
            var tags = body.putArray("tags");
            Arrays.stream(form.get("tags").split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(tags::add);
        }
        String due = form.getOrDefault("dueAt", "");
        String unchanged = current == null ? null : TaskView.of(current).dueLocal();
        if (form.containsKey("dueAt") && !(due.equals(unchanged) || (due.isBlank() && unchanged == null))) {
            body.put("dueAt", due);
            String zone = form.get("timeZone");
            if (zone != null && !zone.isBlank() && (current == null || current.timeZone() == null)) {
                body.put("timeZone", zone);
            }
        }
        return body;
    }

    private static Map<String, String> editValues(TaskView t) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", t.title());
        values.put("notes", t.notes() == null ? "" : t.notes());
        values.put("status", t.status());
        values.put("priority", t.priority());
        values.put("dueAt", t.dueLocal() == null ? "" : t.dueLocal());
        values.put("tags", t.tagsText());
        values.put("project", t.project() == null ? "" : t.project());
        return values;
    }

    /** Field name (tags[3] counts as tags) to the sentence shown next to it. */
    private static Map<String, String> messages(ApiException e) {
        if (e.errors().isEmpty()) {
            throw e; // not a validation problem: 404 and the like
        }
        Map<String, String> messages = new LinkedHashMap<>();
        for (ApiException.FieldError error : e.errors()) {
            String field = error.field().replaceFirst("\\[.*$", "");
            messages.merge(field, label(field) + " " + error.message(), (a, b) -> a + "; " + b);
        }
        return messages;
    }

    private static String label(String field) {
        return switch (field) {
            case "title" -> "Title";
            case "dueAt" -> "Due date";
            case "timeZone" -> "Time zone";
            case "tags" -> "Tags";
            case "notes" -> "Notes";
            case "project" -> "Project";
            case "priority" -> "Priority";
            case "status" -> "Status";
            default -> field;
        };
    }
}
