package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.FieldErrors;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Approval steps: {@code GET /api/v1/approvals} (pending ones) and deciding one of a run. */
@RestController
class ApprovalApiController {
    private static final int MAX_COMMENT = 2000;
    private final ApprovalService approvals;

    ApprovalApiController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/api/v1/approvals")
    Map<String, List<ApprovalService.Pending>> pending(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", approvals.pending(user));
    }

    @PostMapping("/api/v1/runs/{id}/approvals/{stepId}")
    JsonNode decide(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @PathVariable String stepId,
            @RequestBody(required = false) JsonNode body) {
        approvals.requireRun(user, id);
        FieldErrors errors = new FieldErrors();
        String decision = body == null ? "" : body.path("decision").asString("");
        if (!decision.equals("approve") && !decision.equals("reject")) {
            errors.add("decision", "must be approve or reject");
        }
        JsonNode c = body == null ? null : body.get("comment");
        String comment = null;
        if (c != null && !c.isNull()) {
            if (!c.isString() || c.asString().length() > MAX_COMMENT) {
                errors.add("comment", "must be text of at most " + MAX_COMMENT + " characters");
            } else {
                comment = c.asString();
            }
        }
        errors.throwIfAny();
        return approvals.decide(user, id, stepId, decision, comment);
    }
}
