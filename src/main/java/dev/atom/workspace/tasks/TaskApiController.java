package dev.atom.workspace.tasks;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import dev.atom.workspace.worktasks.WorkItemService;
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
    private final AllSourcesList allSources;
    private final WorkItemService workItems;

    TaskApiController(TaskService service, AllSourcesList allSources, WorkItemService workItems) {
        this.service = service;
        this.allSources = allSources;
        this.workItems = workItems;
    }

    @PostMapping
    ResponseEntity<TaskJson> create(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        FieldErrors errors = new FieldErrors();
        Task task = service.create(user, TaskInput.parse(body, true, errors), errors);
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + task.id())).body(TaskJson.of(task));
    }

    @GetMapping("/{id}")
    Object get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        var item = workItems.find(user.workspaceId(), user.userId(), id);
        if (item.isPresent()) {
            return WorkItemJson.of(item.get(), user.userId());
        }
        return TaskJson.of(service.get(user, id));
    }

    @PatchMapping("/{id}")
    Object update(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, @RequestBody JsonNode body) {
        var item = workItems.find(user.workspaceId(), user.userId(), id);
        if (item.isPresent()) {
            return WorkItemJson.of(WorkItemChanges.apply(workItems, user.userId(), item.get(), body), user.userId());
        }
        service.get(user, id); // a foreign or unknown id is 404 before any validation answer
        FieldErrors errors = new FieldErrors();
        return TaskJson.of(service.update(user, id, TaskInput.parse(body, false, errors), errors));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        if (workItems.find(user.workspaceId(), user.userId(), id).isPresent()) {
            throw ApiException.conflict("This task lives in another app: delete it there");
        }
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    Object list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        if (!AllSourcesList.isAtom(source)) {
            return allSources.list(
                    user,
                    source,
                    new AllSourcesList.TaskQueryParams(
                            status, tag, dueBefore, q, assignee, project, sort, limit, cursor));
        }
        TaskQuery query =
                TaskQueries.parse(status, tag, dueBefore, q, assignee, project, sort, limit, cursor, new FieldErrors());
        return TaskJson.Page.of(service.list(user, query));
    }
}
