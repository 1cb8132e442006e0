package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Approvals page: runs waiting for a person, with approve and reject (and a comment) for those the user may
 * decide. The same checks as {@code POST /api/v1/runs/{id}/approvals/{stepId}}; a problem is shown in the row.
 */
@Controller
class ApprovalsPageController {
    private static final int MAX_COMMENT = 2000;
    private final ApprovalService approvals;
    private final WorkflowService workflows;

    ApprovalsPageController(ApprovalService approvals, WorkflowService workflows) {
        this.approvals = approvals;
        this.workflows = workflows;
    }

    @GetMapping("/approvals")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        list(user, model);
        return "workflows/approvals";
    }

    @PostMapping("/approvals/{runId}/{stepId}")
    String decide(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String runId,
            @PathVariable String stepId,
            @RequestParam String decision,
            @RequestParam(required = false) String comment,
            Model model) {
        approvals.requireRun(user, runId);
        try {
            if (!decision.equals("approve") && !decision.equals("reject")) {
                throw ApiException.invalid("decision", "must be approve or reject");
            }
            if (comment != null && comment.length() > MAX_COMMENT) {
                throw ApiException.invalid("comment", "must be at most " + MAX_COMMENT + " characters");
            }
            approvals.decide(user, runId, stepId, decision, comment == null || comment.isBlank() ? null : comment);
            model.addAttribute("done", (decision.equals("approve") ? "Approved" : "Rejected") + ": " + stepId);
        } catch (ApiException e) {
            model.addAttribute(
                    "problem",
                    e.errors().isEmpty()
                            ? e.getMessage()
                            : e.errors().stream()
                                    .map(f -> f.field() + ": " + f.message())
                                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        list(user, model);
        return "workflows/approvals :: list";
    }

    private void list(CurrentUser user, Model model) {
        Map<String, String> names = new LinkedHashMap<>();
        workflows.list(user).forEach(w -> names.put(w.id(), w.name()));
        model.addAttribute("names", names);
        model.addAttribute("pending", approvals.pending(user));
    }
}
