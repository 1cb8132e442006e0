package dev.atom.assistant.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.tools.Tool;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The caller's approval rules: {@code GET /api/v1/assistant/approval-rules} lists them, {@code PUT} with
 * {@code {tool, connection?, mode: always_allow | always_ask}} sets one (the same tool and connection again changes
 * its mode), {@code DELETE .../{id}} revokes one. Rules are private to their person; another's id is a 404.
 */
@RestController
@RequestMapping("/api/v1/assistant/approval-rules")
class ApprovalRuleApiController {
    private final ApprovalRules approvals;

    ApprovalRuleApiController(ApprovalRules approvals) {
        this.approvals = approvals;
    }

    @GetMapping
    ObjectNode list(@AuthenticationPrincipal CurrentUser user) {
        ObjectNode out = AssistantJson.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        approvals
                .list(user)
                .forEach(r -> items.add(json(r, approvals.tool(user, r.tool()).orElse(null))));
        return out;
    }

    @PutMapping
    ObjectNode put(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) JsonNode body) {
        ApprovalRule rule = approvals.save(user, body);
        return json(rule, approvals.tool(user, rule.tool()).orElse(null));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        approvals.revoke(user, id);
    }

    /** A rule as the API shows it; {@code available} is false when the tool is gone (e.g. its connection removed). */
    static ObjectNode json(ApprovalRule r, Tool tool) {
        ObjectNode o = AssistantJson.NODES.objectNode().put("id", r.id()).put("tool", r.tool());
        if (r.connection().isEmpty()) {
            o.putNull("connection");
        } else {
            o.put("connection", r.connection());
        }
        o.put("mode", r.mode().wire());
        o.put("available", tool != null);
        if (tool != null) {
            o.put("description", tool.description());
            o.put("destructive", tool.destructive());
            o.put("effect", tool.effect().name().toLowerCase(java.util.Locale.ROOT));
        }
        o.put("createdAt", r.createdAt().toString());
        o.put("updatedAt", r.updatedAt().toString());
        return o;
    }
}
