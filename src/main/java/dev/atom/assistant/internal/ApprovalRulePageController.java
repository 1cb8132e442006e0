package dev.atom.assistant.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.tools.Tool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Assistant approvals" section of the AI page ({@code <section id="approval-rules"
 * hx-get="/assistant/approval-rules" hx-trigger="load">}): the person's rules with Revoke, and a form to add one
 * (a write tool they may use, a connection id or any, always allow / always ask). A refused form comes back with
 * each message under its field (200, so htmx swaps it).
 */
@Controller
class ApprovalRulePageController {
    private static final String FRAGMENT = "assistant/approval-rules :: rules";

    private final ApprovalRules approvals;

    ApprovalRulePageController(ApprovalRules approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/assistant/approval-rules")
    String show(@AuthenticationPrincipal CurrentUser user, Model model) {
        return fill(user, Map.of(), null, model);
    }

    @PostMapping("/assistant/approval-rules")
    String add(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String tool,
            @RequestParam(required = false) String connection,
            @RequestParam(required = false) String mode,
            Model model) {
        var body = AssistantJson.NODES.objectNode().put("tool", tool == null ? "" : tool);
        if (connection != null && !connection.isBlank()) {
            body.put("connection", connection);
        }
        body.put("mode", mode == null ? "" : mode);
        try {
            ApprovalRule saved = approvals.save(user, body);
            return fill(user, Map.of(), saved.id(), model);
        } catch (ApiException e) {
            Map<String, String> errors = new HashMap<>();
            e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
            if (errors.isEmpty()) {
                errors.put("form", e.getMessage());
            }
            model.addAttribute("form", Map.of("tool", String.valueOf(tool), "connection", String.valueOf(connection)));
            return fill(user, errors, null, model);
        }
    }

    @PostMapping("/assistant/approval-rules/{id}/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        approvals.revoke(user, id);
        return fill(user, Map.of(), null, model);
    }

    /** One rule as a row: what the tool does, whether it is destructive, and the mode in words. */
    record Row(String id, String tool, String description, String connection, String mode, boolean destructive) {}

    /** One choice of the tool list. */
    record Choice(String name, String label, boolean destructive) {}

    private String fill(CurrentUser user, Map<String, String> errors, String savedId, Model model) {
        List<Row> rows = approvals.list(user).stream()
                .map(r -> {
                    Tool t = approvals.tool(user, r.tool()).orElse(null);
                    return new Row(
                            r.id(),
                            r.tool(),
                            t == null ? "No longer available to you" : t.description(),
                            r.connection().isEmpty() ? "any connection" : r.connection(),
                            r.mode() == ApprovalRule.Mode.ALWAYS_ALLOW ? "Always allow" : "Always ask",
                            t != null && t.destructive());
                })
                .toList();
        List<Choice> choices = approvals.writeTools(user).stream()
                .map(t -> new Choice(t.name(), t.name() + (t.destructive() ? " (destructive)" : ""), t.destructive()))
                .toList();
        model.addAttribute("rules", rows);
        model.addAttribute("choices", choices);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        model.addAttribute("savedId", savedId);
        return FRAGMENT;
    }
}
