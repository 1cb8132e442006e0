package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.PublicUrl;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/workflows}: definitions, publishing, switching on and off, and "run now". */
@RestController
class WorkflowApiController {
    private final WorkflowService workflows;
    private final RunService runs;
    private final PublicUrl publicUrl;

    private final TriggerViews triggerViews;

    WorkflowApiController(WorkflowService workflows, RunService runs, PublicUrl publicUrl, TriggerViews triggerViews) {
        this.workflows = workflows;
        this.runs = runs;
        this.publicUrl = publicUrl;
        this.triggerViews = triggerViews;
    }

    @PostMapping("/api/v1/workflows")
    ResponseEntity<WorkflowJson> create(
            @AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) JsonNode body) {
        Workflow w = workflows.create(user, definition(body));
        return ResponseEntity.created(URI.create("/api/v1/workflows/" + w.id())).body(json(w));
    }

    /** Imports a definition file: the body is the definition itself, as JSON or YAML (by Content-Type). */
    @PostMapping(
            path = "/api/v1/workflows/import",
            consumes = {"application/yaml", "application/x-yaml", "text/yaml", "application/json", "text/plain"})
    ResponseEntity<WorkflowJson> importDefinition(
            @AuthenticationPrincipal CurrentUser user,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        Workflow w = workflows.create(user, DefinitionFormats.read(body, DefinitionFormats.isYaml(contentType)));
        return ResponseEntity.created(URI.create("/api/v1/workflows/" + w.id())).body(json(w));
    }

    /** The draft definition as a file, JSON (default) or YAML ({@code ?format=yaml}). */
    @GetMapping("/api/v1/workflows/{id}/export")
    ResponseEntity<String> export(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false, defaultValue = "json") String format) {
        return DefinitionFormats.download(workflows.get(user, id), format);
    }

    @GetMapping("/api/v1/workflows")
    List<WorkflowJson> list(@AuthenticationPrincipal CurrentUser user) {
        return workflows.list(user).stream().map(this::json).toList();
    }

    @GetMapping("/api/v1/workflows/{id}")
    WorkflowJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return json(workflows.get(user, id));
    }

    @PutMapping("/api/v1/workflows/{id}")
    WorkflowJson update(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        workflows.get(user, id); // another workspace's id is 404 before its body is judged
        return json(workflows.update(user, id, definition(body)));
    }

    @DeleteMapping("/api/v1/workflows/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        workflows.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/workflows/{id}/publish")
    WorkflowJson publish(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return json(workflows.publish(user, id));
    }

    @PostMapping("/api/v1/workflows/{id}/enable")
    WorkflowJson enable(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return json(workflows.setEnabled(user, id, true));
    }

    @PostMapping("/api/v1/workflows/{id}/disable")
    WorkflowJson disable(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return json(workflows.setEnabled(user, id, false));
    }

    @PostMapping("/api/v1/workflows/{id}/runs")
    ResponseEntity<Map<String, String>> run(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        workflows.get(user, id);
        JsonNode input = body == null ? null : body.get("input");
        if (input != null && !input.isObject() && !input.isNull()) {
            throw ApiException.invalid("input", "must be an object");
        }
        String runId = runs.runNow(user, id, input == null || input.isNull() ? null : input);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/runs/" + runId))
                .body(Map.of("runId", runId, "status", "queued"));
    }

    private static JsonNode definition(JsonNode body) {
        if (body == null || !body.isObject() || !body.has("definition")) {
            throw ApiException.invalid("definition", "is required: the workflow definition as a JSON object");
        }
        return body.get("definition");
    }

    private WorkflowJson json(Workflow w) {
        String hooks = publicUrl.of(WebhookController.PATH);
        return triggerViews.decorate(WorkflowJson.of(w, hooks), w, hooks);
    }
}
