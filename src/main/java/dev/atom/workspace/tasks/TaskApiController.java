package dev.atom.workspace.tasks;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.FieldErrors;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The tasks JSON API: {@code /api/v1/tasks}, always within the caller's workspace. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskApiController {
    private final TaskService service;

    TaskApiController(TaskService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<TaskJson> create(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        FieldErrors errors = new FieldErrors();
        Task task = service.create(user, TaskInput.parse(body, true, errors), errors);
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id())).body(TaskJson.of(task));
    }

    @GetMapping("/{id}")
    TaskJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return TaskJson.of(service.get(user, id));
    }

    @PatchMapping("/{id}")
    TaskJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, @RequestBody JsonNode body) {
        service.get(user, id); // a foreign or unknown id is 404 before any validation answer
        FieldErrors errors = new FieldErrors();
        return TaskJson.of(service.update(user, id, TaskInput.parse(body, false, errors), errors));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    TaskJson.Page list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        TaskQuery query =
                TaskQueries.parse(status, tag, dueBefore, q, assignee, project, sort, limit, cursor, new FieldErrors());
        return TaskJson.Page.of(service.list(user, query));
    }
}
