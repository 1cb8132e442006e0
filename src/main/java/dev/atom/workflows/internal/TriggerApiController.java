package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/alerts}: the workspace's open workflow alerts; {@code POST
 * /api/v1/workflows/{id}/webhook-secret}: a new signing secret for a connector webhook trigger, shown once.
 */
@RestController
class TriggerApiController {
    private final AlertRepository alerts;
    private final WorkflowService workflows;
    private final TriggerSwitch triggers;

    TriggerApiController(AlertRepository alerts, WorkflowService workflows, TriggerSwitch triggers) {
        this.alerts = alerts;
        this.workflows = workflows;
        this.triggers = triggers;
    }

    @GetMapping("/api/v1/alerts")
    List<AlertJson> list(@AuthenticationPrincipal CurrentUser user) {
        Map<String, String> names = new HashMap<>();
        workflows.list(user).forEach(w -> names.put(w.id(), w.name()));
        return alerts.open(user.workspaceId(), null).stream()
                .map(a -> AlertJson.of(a, names.get(a.workflowId())))
                .toList();
    }

    @PostMapping("/api/v1/workflows/{id}/webhook-secret")
    Map<String, String> newSecret(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Workflow w = workflows.get(user, id);
        String secret = triggers.newSigningSecret(user.workspaceId(), w.id());
        if (secret == null) {
            throw ApiException.conflict("Publish and switch on the workflow before making its signing secret");
        }
        return Map.of("secret", secret);
    }
}
